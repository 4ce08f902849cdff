package dev.jbuild.core.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerReaderTest {
  @TempDir Path temp;

  private static byte[] plainTar(List<TarEntry> entries) throws IOException {
    byte[] gzip = LayerWriterTest.write(entries);
    return new GzipCompressorInputStream(new ByteArrayInputStream(gzip)).readAllBytes();
  }

  private static List<TarEntry> readAll(byte[] blob) throws IOException {
    List<TarEntry> entries = new ArrayList<>();
    try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(blob))) {
      for (TarEntry entry; (entry = reader.next()) != null; ) {
        entries.add(entry);
      }
    }
    return entries;
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "bzip2", "xz", "zstd", "gzip"})
  void open_anyCompression_detectedFromMagicBytes(String compression) throws IOException {
    byte[] tar = plainTar(LayerWriterTest.sampleEntries());
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    try (OutputStream out =
        switch (compression) {
          case "bzip2" -> new BZip2CompressorOutputStream(blob);
          case "xz" -> new XZCompressorOutputStream(blob);
          case "zstd" -> new ZstdCompressorOutputStream(blob);
          case "gzip" -> new java.util.zip.GZIPOutputStream(blob);
          default -> blob;
        }) {
      out.write(tar);
    }

    try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(blob.toByteArray()))) {
      assertThat(reader.compression()).isEqualTo(compression);
    }
    assertThat(readAll(blob.toByteArray())).containsExactlyElementsOf(LayerWriterTest.sampleEntries());
  }

  @Test
  void next_paxXattrWithRawBinaryValue_keepsTheBytes() throws IOException {
    // What Go's archive/tar writes: the xattr value as raw bytes, which are not valid UTF-8.
    byte[] capability = {1, 0, 0, 2, (byte) 0x80, (byte) 0xc3, (byte) 0xff, 0, 0, 0};
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("SCHILY.xattr.security.capability", capability);
    records.put("path", "bin/ping".getBytes(StandardCharsets.UTF_8));
    byte[] tar = handWritten(records, "placeholder", TarConstants.LF_NORMAL, 0);

    List<TarEntry> entries = readAll(tar);

    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).path()).isEqualTo("bin/ping");
    assertThat(entries.get(0).attributes().xattrs()).containsExactly(new Xattr("security.capability", capability));
  }

  @Test
  void next_gnuLongNamesAndBase256Numbers_read() throws IOException {
    String longName = "a/".repeat(80) + "file";
    String longTarget = "t/".repeat(80) + "target";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
      TarArchiveEntry link = new TarArchiveEntry(longName, TarConstants.LF_SYMLINK);
      link.setLinkName(longTarget);
      link.setUserId(5_000_000);
      link.setModTime(1_000_000L * 1000);
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }

    List<TarEntry> entries = readAll(out.toByteArray());

    assertThat(entries).singleElement().isInstanceOfSatisfying(TarEntry.Symlink.class, symlink -> {
      assertThat(symlink.path()).isEqualTo(longName);
      assertThat(symlink.target()).isEqualTo(longTarget);
      assertThat(symlink.attributes().uid()).isEqualTo(5_000_000);
      assertThat(symlink.attributes().modificationTime()).isEqualTo(Instant.ofEpochSecond(1_000_000));
    });
  }

  @Test
  void next_ustarPrefixFromGnuTar_joinedWithName() throws Exception {
    String directory = "d".repeat(60) + "/" + "e".repeat(60);
    Files.createDirectories(temp.resolve("tree").resolve(directory));
    Files.writeString(temp.resolve("tree").resolve(directory).resolve("file"), "hello");
    Path archive = temp.resolve("ustar.tar");
    Process tar =
        new ProcessBuilder("tar", "--format=ustar", "-C", temp.resolve("tree").toString(), "-cf", archive.toString(), "./" + directory)
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(output).isZero();

    List<String> paths = new ArrayList<>();
    try (LayerReader reader = LayerReader.open(Files.newInputStream(archive))) {
      for (TarEntry entry; (entry = reader.next()) != null; ) {
        paths.add(entry.path() + (entry instanceof TarEntry.RegularFile ? "=" + new String(reader.content().readAllBytes(), StandardCharsets.UTF_8) : ""));
      }
    }

    assertThat(paths).containsExactly(directory, directory + "/file=hello");
  }

  @Test
  void next_whiteoutNames_becomeWhiteoutEntriesAndAufsFilesAreSkipped() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      for (String name : List.of("./etc/", "./etc/.wh.passwd", "./etc/.wh..wh..opq", ".wh..wh.plnk/", ".wh..wh.aufs", ".wh.top")) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        if (name.equals(".wh..wh.aufs")) {
          entry.setSize(3);
          tar.putArchiveEntry(entry);
          tar.write(new byte[] {1, 2, 3});
        } else {
          tar.putArchiveEntry(entry);
        }
        tar.closeArchiveEntry();
      }
    }

    assertThat(readAll(out.toByteArray()))
        .extracting(entry -> entry.getClass().getSimpleName() + ":" + entry.path())
        .containsExactly("Directory:etc", "Whiteout:etc/passwd", "OpaqueWhiteout:etc", "Whiteout:top");
  }

  @Test
  void next_unreadContent_isSkipped() throws IOException {
    List<TarEntry> entries = readAll(LayerWriterTest.write(LayerWriterTest.sampleEntries()));

    assertThat(entries).hasSize(LayerWriterTest.sampleEntries().size());
  }

  @Test
  void next_absoluteAndDotDotNames_handedOverForTheConsumerToJudge() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      for (String name : List.of("/etc/passwd", "../escape", "a/../../b")) {
        tar.putArchiveEntry(new TarArchiveEntry(name, true));
        tar.closeArchiveEntry();
      }
    }

    assertThat(readAll(out.toByteArray())).extracting(TarEntry::path).containsExactly("/etc/passwd", "../escape", "a/../../b");
  }

  @Test
  void next_truncatedArchive_throwsMalformedTar() throws IOException {
    byte[] tar = plainTar(List.of(new TarEntry.RegularFile("file", LayerWriterTest.attributes(0644), 0)));
    byte[] truncated = Arrays.copyOf(tar, 300);

    assertThatThrownBy(() -> readAll(truncated)).isInstanceOf(MalformedTarException.class).hasMessageContaining("ends inside");
  }

  @Test
  void next_corruptedChecksum_throwsMalformedTar() throws IOException {
    byte[] tar = plainTar(List.of(new TarEntry.RegularFile("file", LayerWriterTest.attributes(0644), 0)));
    tar[0] = 'g';

    assertThatThrownBy(() -> readAll(tar)).isInstanceOf(MalformedTarException.class).hasMessageContaining("checksum");
  }

  @Test
  void content_readPastEntry_stopsAtTheEntrySize() throws IOException {
    byte[] blob =
        LayerWriterTest.write(
            List.of(
                new TarEntry.RegularFile("one", LayerWriterTest.attributes(0644), 3),
                new TarEntry.RegularFile("two", LayerWriterTest.attributes(0644), 5)));
    try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(blob))) {
      reader.next();
      assertThat(reader.content().readAllBytes()).hasSize(3);
      assertThat(reader.next().path()).isEqualTo("two");
      assertThat(reader.content().readAllBytes()).hasSize(5);
      assertThat(reader.next()).isNull();
    }
  }

  /** A tar with one PAX header holding {@code records} (raw bytes, as Go writes it) and one entry. */
  private static byte[] handWritten(Map<String, byte[]> records, String name, byte type, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      byte[] data = PaxRecords.encode(records);
      TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders.0/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
      pax.setSize(data.length);
      tar.putArchiveEntry(pax);
      tar.write(data);
      tar.closeArchiveEntry();
      TarArchiveEntry entry = new TarArchiveEntry(name, type);
      entry.setSize(size);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    }
    return out.toByteArray();
  }
}
