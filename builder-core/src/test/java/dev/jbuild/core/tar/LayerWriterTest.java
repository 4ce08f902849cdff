package dev.jbuild.core.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterTest {
  private static final Instant TIME = Instant.ofEpochSecond(1_700_000_000L);
  private static final String LONG_NAME =
      "usr/share/" + "very-long-directory-name/".repeat(8) + "file-with-a-long-name.txt";
  private static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, (byte) 0xff, 0x20, 0, 0, 0};

  @TempDir Path temp;

  static FileAttributes attributes(int mode) {
    return FileAttributes.of(mode, 0, 0, TIME);
  }

  /** Every entry kind, written in a fixed order. */
  static List<TarEntry> sampleEntries() {
    return List.of(
        new TarEntry.Directory("bin", attributes(0755)),
        new TarEntry.RegularFile("bin/su", attributes(04755).withXattrs(List.of(new Xattr("security.capability", CAPABILITY))), 5),
        new TarEntry.HardLink("bin/su-again", attributes(04755), "bin/su"),
        new TarEntry.Symlink("bin/sh", attributes(0777), "busybox"),
        new TarEntry.Directory("tmp", FileAttributes.of(01777, 0, 0, TIME)),
        new TarEntry.Device("dev-null", attributes(0666), TarEntry.DeviceKind.CHARACTER, 1, 3),
        new TarEntry.Device("dev-sda", attributes(0660), TarEntry.DeviceKind.BLOCK, 8, 0),
        new TarEntry.Fifo("pipe", attributes(0600)),
        new TarEntry.Directory("usr", new FileAttributes(02775, 3_000_000, 4_000_000, TIME, List.of(Xattr.of("user.note", "kept")))),
        new TarEntry.OpaqueWhiteout("usr", attributes(0755)),
        new TarEntry.Whiteout("usr/removed", attributes(0600)),
        new TarEntry.RegularFile(LONG_NAME, attributes(0644), 3),
        new TarEntry.Symlink("link-with-long-target", attributes(0777), "/" + LONG_NAME),
        new TarEntry.RegularFile("straße-ü.txt", attributes(0644), 0));
  }

  static byte[] write(List<TarEntry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LayerWriter writer = LayerWriter.gzip(out)) {
      writeTo(writer, entries);
      writer.finish();
    }
    return out.toByteArray();
  }

  static void writeTo(LayerWriter writer, List<TarEntry> entries) throws IOException {
    for (TarEntry entry : entries) {
      if (entry instanceof TarEntry.RegularFile file) {
        writer.addFile(file, new ByteArrayInputStream("x".repeat((int) file.size()).getBytes(StandardCharsets.UTF_8)));
      } else {
        writer.add(entry);
      }
    }
  }

  @Test
  void finish_sameEntriesTwice_identicalBytes() throws IOException {
    assertThat(write(sampleEntries())).isEqualTo(write(sampleEntries()));
  }

  @Test
  void finish_afterEntries_digestsDescribeCompressedAndUncompressedBytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerBlob blob;
    try (LayerWriter writer = LayerWriter.gzip(out)) {
      writeTo(writer, sampleEntries());
      blob = writer.finish();
    }
    byte[] compressed = out.toByteArray();
    byte[] tar = new GzipCompressorInputStream(new ByteArrayInputStream(compressed)).readAllBytes();

    assertThat(blob.digest()).isEqualTo(Digest.sha256Of(compressed));
    assertThat(blob.diffId()).isEqualTo(Digest.sha256Of(tar));
    assertThat(blob.size()).isEqualTo(compressed.length);
    assertThat(blob.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
  }

  @Test
  void zstd_digestsDescribeTheZstdBytes_theSameEntriesReadBack_andTheBytesRepeat() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerBlob blob;
    try (LayerWriter writer = LayerWriter.zstd(out, LayerWriter.DEFAULT_ZSTD_LEVEL)) {
      writeTo(writer, sampleEntries());
      blob = writer.finish();
    }
    byte[] compressed = out.toByteArray();
    byte[] tar = new org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream(
        new ByteArrayInputStream(compressed)).readAllBytes();

    assertThat(blob.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_ZSTD);
    assertThat(blob.digest()).isEqualTo(Digest.sha256Of(compressed));
    assertThat(blob.diffId()).isEqualTo(Digest.sha256Of(tar));
    // The same tar as the gzip writer's: only the compression differs.
    assertThat(blob.diffId()).isEqualTo(Digest.sha256Of(new GzipCompressorInputStream(
        new ByteArrayInputStream(write(sampleEntries()))).readAllBytes()));
    List<TarEntry> read = new ArrayList<>();
    try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(compressed))) {
      for (TarEntry entry; (entry = reader.next()) != null; ) {
        read.add(entry);
      }
    }
    assertThat(read).containsExactlyElementsOf(sampleEntries());
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (LayerWriter writer = LayerWriter.zstd(again, LayerWriter.DEFAULT_ZSTD_LEVEL)) {
      writeTo(writer, sampleEntries());
      writer.finish();
    }
    assertThat(again.toByteArray()).isEqualTo(compressed);
  }

  @Test
  void finish_gzipHeader_hasNoTimestampAndUnknownOperatingSystem() throws IOException {
    byte[] compressed = write(sampleEntries());

    assertThat(compressed[0] & 0xff).isEqualTo(0x1f);
    assertThat(compressed[1] & 0xff).isEqualTo(0x8b);
    assertThat(compressed[3]).as("flags: no file name, no comment").isZero();
    assertThat(new byte[] {compressed[4], compressed[5], compressed[6], compressed[7]}).containsOnly(0);
    assertThat(compressed[9] & 0xff).isEqualTo(255);
  }

  @Test
  void add_everyEntryKind_readsBackEqualThroughLayerReader() throws IOException {
    List<TarEntry> read = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(write(sampleEntries())))) {
      for (TarEntry entry; (entry = reader.next()) != null; ) {
        read.add(entry);
        contents.add(new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
      }
    }

    assertThat(read).containsExactlyElementsOf(sampleEntries());
    assertThat(contents.get(1)).isEqualTo("xxxxx");
    assertThat(contents.get(11)).isEqualTo("xxx");
  }

  @Test
  void add_everyEntryKind_commonsCompressReadsSameNamesAndHeaders() throws IOException {
    byte[] tar = new GzipCompressorInputStream(new ByteArrayInputStream(write(sampleEntries()))).readAllBytes();
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar), "UTF-8")) {
      for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        names.add(entry.getName() + "|" + Integer.toOctalString(entry.getMode()) + "|" + entry.getLongUserId()
            + "|" + entry.getLinkName() + "|" + entry.getUserName());
      }
    }

    assertThat(names)
        .containsExactly(
            "bin/|755|0||",
            "bin/su|4755|0||",
            "bin/su-again|4755|0|bin/su|",
            "bin/sh|777|0|busybox|",
            "tmp/|1777|0||",
            "dev-null|666|0||",
            "dev-sda|660|0||",
            "pipe|600|0||",
            "usr/|2775|3000000||",
            "usr/.wh..wh..opq|755|0||",
            "usr/.wh.removed|600|0||",
            LONG_NAME + "|644|0||",
            "link-with-long-target|777|0|/" + LONG_NAME + "|",
            "straße-ü.txt|644|0||");
  }

  @Test
  void add_everyEntryKind_gnuTarListsTheSameTree() throws Exception {
    Path layer = temp.resolve("layer.tar.gz");
    Files.write(layer, write(sampleEntries()));
    Process tar = new ProcessBuilder("tar", "--numeric-owner", "-tvzf", layer.toString()).redirectErrorStream(true).start();
    String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(tar.exitValue()).as(listing).isZero();
    assertThat(listing)
        .contains("-rwsr-xr-x 0/0", "bin/su\n")
        .contains("hrwsr-xr-x 0/0", "bin/su-again link to bin/su")
        .contains("crw-rw-rw- 0/0", "1,3")
        .contains("brw-rw---- 0/0", "8,0")
        .contains("drwxrwsr-x 3000000/4000000")
        .contains("drwxrwxrwt 0/0")
        .contains(LONG_NAME)
        .contains("link-with-long-target -> /" + LONG_NAME)
        .contains("straße-ü.txt")
        .doesNotContain("PaxHeaders");
  }

  @Test
  void addFile_fromPath_streamsTheFileContent() throws IOException {
    Path source = temp.resolve("source");
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(content);
    Files.write(source, content);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LayerWriter writer = LayerWriter.gzip(out, 1)) {
      writer.addFile(new TarEntry.RegularFile("data.bin", attributes(0644), content.length), source);
      writer.finish();
    }

    try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(reader.next()).isInstanceOf(TarEntry.RegularFile.class);
      assertThat(reader.content().readAllBytes()).isEqualTo(content);
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void addFile_sourceShorterThanDeclared_throwsNamingTheSource() throws IOException {
    Path source = temp.resolve("short");
    Files.writeString(source, "abc");
    try (LayerWriter writer = LayerWriter.gzip(OutputStreams.discard())) {
      assertThatThrownBy(() -> writer.addFile(new TarEntry.RegularFile("short", attributes(0644), 10), source))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(source.toString())
          .hasMessageContaining("shrank");
    }
  }

  @Test
  void addFile_sourceLongerThanDeclared_throws() throws IOException {
    try (LayerWriter writer = LayerWriter.gzip(OutputStreams.discard())) {
      InputStream content = new ByteArrayInputStream(new byte[20]);
      assertThatThrownBy(() -> writer.addFile(new TarEntry.RegularFile("long", attributes(0644), 10), content))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("grew");
    }
  }

  @Test
  void add_pathWithDotDot_throws() throws IOException {
    try (LayerWriter writer = LayerWriter.gzip(OutputStreams.discard())) {
      assertThatThrownBy(() -> writer.add(new TarEntry.Directory("a/../b", attributes(0755))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> writer.add(new TarEntry.HardLink("a", attributes(0755), "/etc/passwd")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void finish_noEntries_isAValidEmptyLayer() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerBlob blob;
    try (LayerWriter writer = LayerWriter.gzip(out)) {
      blob = writer.finish();
    }
    try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(reader.next()).isNull();
    }
    assertThat(blob.size()).isEqualTo(out.size());
  }

  /** Output streams for tests. */
  static final class OutputStreams {
    static java.io.OutputStream discard() {
      return java.io.OutputStream.nullOutputStream();
    }
  }
}
