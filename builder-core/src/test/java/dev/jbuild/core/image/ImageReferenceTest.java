package dev.jbuild.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.digest.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  @ParameterizedTest
  @CsvSource({
      "busybox, docker.io/library/busybox:latest",
      "busybox:1.36, docker.io/library/busybox:1.36",
      "user/app, docker.io/user/app:latest",
      "docker.io/busybox, docker.io/library/busybox:latest",
      "index.docker.io/library/busybox:1, docker.io/library/busybox:1",
      "localhost/app, localhost/app:latest",
      "localhost:5000/app:v2, localhost:5000/app:v2",
      "127.0.0.1:5000/library/busybox, 127.0.0.1:5000/library/busybox:latest",
      "registry.example.com/team/app:1.0, registry.example.com/team/app:1.0",
  })
  void parse_dockerShorthands_normalisedAsDockerDoes(String text, String expected) {
    assertThat(ImageReference.parse(text).toString()).isEqualTo(expected);
  }

  @Test
  void parse_digest_keepsDigestAndQualifiesByIt() {
    String hex = "a".repeat(64);
    ImageReference reference = ImageReference.parse("busybox@sha256:" + hex);

    assertThat(reference.digest()).isEqualTo(new Digest("sha256", hex));
    assertThat(reference.tag()).isNull();
    assertThat(reference.qualifier()).isEqualTo("sha256:" + hex);
  }

  @Test
  void familiar_dockerHubLibraryImage_isShort() {
    assertThat(ImageReference.parse("busybox:nope").familiar()).isEqualTo("busybox:nope");
    assertThat(ImageReference.parse("127.0.0.1:5000/a/b:1").familiar()).isEqualTo("127.0.0.1:5000/a/b:1");
  }

  @Test
  void parse_upperCaseRepository_isRefused() {
    assertThatThrownBy(() -> ImageReference.parse("Busybox")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Busybox");
  }
}
