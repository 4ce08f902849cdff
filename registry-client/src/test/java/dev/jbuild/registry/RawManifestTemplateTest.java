package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.hash.Digests;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.MediaTypes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawManifestTemplateTest {
  // Deliberately not what Jackson would write: spacing, key order and an escaped character.
  private static final byte[] MANIFEST =
      "{ \"schemaVersion\":2,\n  \"mediaType\":\"application/vnd.oci.image.manifest.v1+json\", \"annotations\":{\"z\":\"\\u00e9 ë 🚀\"}}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void serialisation_byJibsMapper_isOurBytes() throws Exception {
    RawManifestTemplate template = new RawManifestTemplate(MANIFEST, MediaTypes.OCI_MANIFEST);

    assertThat(JsonTemplateMapper.toByteArray(template)).isEqualTo(MANIFEST);
  }

  @Test
  void digest_asJibComputesIt_isSha256OfOurBytes() throws Exception {
    RawManifestTemplate template = new RawManifestTemplate(MANIFEST, MediaTypes.OCI_MANIFEST);

    assertThat(Digests.computeJsonDigest(template).toString()).isEqualTo(Digest.sha256Of(MANIFEST).toString());
    assertThat(template.getManifestMediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void constructor_invalidUtf8_isRejected() {
    byte[] invalid = {'{', (byte) 0xC3, '}'};

    assertThatThrownBy(() -> new RawManifestTemplate(invalid, MediaTypes.OCI_MANIFEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("manifest bytes are not valid UTF-8");
  }
}
