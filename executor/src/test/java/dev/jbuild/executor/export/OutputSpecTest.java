package dev.jbuild.executor.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --output} values in BuildKit's shape. */
class OutputSpecTest {
  @Test
  void barePath_isALocalOutput() {
    OutputSpec spec = OutputSpec.parse("out/rootfs");

    assertThat(spec.type()).isEqualTo("local");
    assertThat(spec.destination()).isEqualTo(Path.of("out/rootfs"));
  }

  @Test
  void imageWithPush_isARegistryOutput() {
    assertThat(OutputSpec.parse("type=image,push=true").type()).isEqualTo("registry");
    assertThat(OutputSpec.parse("type=image").type()).isEqualTo("image");
  }

  @Test
  void ociOutput_toATarFileOrADirectory() {
    assertThat(OutputSpec.parse("type=oci,dest=image.tar").isArchive()).isTrue();
    assertThat(OutputSpec.parse("type=oci,dest=layout").isArchive()).isFalse();
    assertThat(OutputSpec.parse("type=oci,dest=layout,tar=true").isArchive()).isTrue();
  }

  @Test
  void compressionLevel_isOptionalAndOneToNine() {
    assertThat(OutputSpec.parse("type=registry").compressionLevel()).isEmpty();
    assertThat(OutputSpec.parse("type=registry,compression=gzip,compression-level=1").compressionLevel()).hasValue(1);
    assertThat(OutputSpec.parse("type=oci,dest=x,Compression-Level=9").compressionLevel()).hasValue(9);

    assertThatThrownBy(() -> OutputSpec.parse("type=registry,compression-level=0"))
        .hasMessage("compression-level must be 1 (fastest) to 9 (smallest), not 0");
    assertThatThrownBy(() -> OutputSpec.parse("type=registry,compression-level=fast"))
        .hasMessageContaining("not fast");
  }

  @Test
  void compression_gzipZstdOrUncompressed_withTheLevelsOfEach() {
    assertThat(OutputSpec.parse("type=registry").compression()).isEmpty();
    assertThat(OutputSpec.parse("type=registry,compression=ZSTD,compression-level=19").compression()).hasValue("zstd");
    assertThat(OutputSpec.parse("type=registry,compression=zstd,compression-level=19").compressionLevel()).hasValue(19);
    assertThat(OutputSpec.parse("type=oci,dest=x,compression=uncompressed").compression()).hasValue("uncompressed");

    assertThatThrownBy(() -> OutputSpec.parse("type=registry,compression=estargz"))
        .hasMessage("unsupported compression estargz (gzip, zstd, uncompressed)");
    assertThatThrownBy(() -> OutputSpec.parse("type=registry,compression=zstd,compression-level=23"))
        .hasMessage("compression-level must be 1 (fastest) to 22 (smallest), not 23");
    assertThatThrownBy(() -> OutputSpec.parse("type=registry,compression-level=10"))
        .hasMessage("compression-level must be 1 (fastest) to 9 (smallest), not 10");
  }

  @Test
  void unknownTypeOrMissingDestination_isRefused() {
    assertThatThrownBy(() -> OutputSpec.parse("type=cacheonly")).hasMessageContaining("unsupported output type cacheonly");
    assertThatThrownBy(() -> OutputSpec.parse("type=oci")).hasMessage("output type oci needs dest=PATH");
  }
}
