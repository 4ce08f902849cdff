package dev.jbuild.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.util.RawValue;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hands jib's manifest push our manifest bytes unchanged. jib serialises a {@link
 * ManifestTemplate} with Jackson and computes the expected digest from that serialisation;
 * {@link JsonValue} on a {@link RawValue} makes the serialisation our bytes, so the registry
 * stores, and jib checks, the digest we computed.
 */
final class RawManifestTemplate implements ManifestTemplate {
  private final String json;
  private final String mediaType;

  RawManifestTemplate(byte[] manifestJson, String mediaType) {
    // Manifests are UTF-8 JSON; decoding and Jackson's re-encoding give back the same bytes.
    this.json = new String(manifestJson, StandardCharsets.UTF_8);
    if (!Arrays.equals(json.getBytes(StandardCharsets.UTF_8), manifestJson)) {
      throw new IllegalArgumentException("manifest bytes are not valid UTF-8");
    }
    this.mediaType = mediaType;
  }

  @JsonValue
  RawValue json() {
    return new RawValue(json);
  }

  @Override
  public int getSchemaVersion() {
    return 2;
  }

  @Override
  public String getManifestMediaType() {
    return mediaType;
  }
}
