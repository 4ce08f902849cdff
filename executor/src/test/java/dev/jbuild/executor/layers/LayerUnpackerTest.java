package dev.jbuild.executor.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.tar.FileAttributes;
import dev.jbuild.core.tar.TarEntry;
import dev.jbuild.core.tar.Xattr;
import dev.jbuild.executor.linux.Linux;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LayerUnpackerTest {
  static final Instant TIME = Instant.ofEpochSecond(1_600_000_000L);
  static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

  @TempDir Path temp;
  private final LayerUnpacker unpacker = new LayerUnpacker();

  static FileAttributes attributes(int mode) {
    return FileAttributes.of(mode, 0, 0, TIME);
  }

  /** A layer with every kind of entry and the metadata that must survive. */
  static List<TarEntry> everyKind() {
    return List.of(
        new TarEntry.Directory("bin", attributes(0755)),
        new TarEntry.RegularFile("bin/ping", attributes(0755).withXattrs(List.of(new Xattr("security.capability", CAPABILITY))), 4),
        new TarEntry.RegularFile("bin/su", FileAttributes.of(04755, 0, 0, TIME), 2),
        new TarEntry.HardLink("bin/su-link", attributes(04755), "bin/su"),
        new TarEntry.Symlink("bin/sh", attributes(0777), "busybox"),
        new TarEntry.Symlink("bin/absolute", attributes(0777), "/etc/passwd"),
        new TarEntry.Directory("dev", attributes(0755)),
        new TarEntry.Device("dev/null", attributes(0666), TarEntry.DeviceKind.CHARACTER, 1, 3),
        new TarEntry.Device("dev/loop0", attributes(0660), TarEntry.DeviceKind.BLOCK, 7, 0),
        new TarEntry.Fifo("dev/initctl", attributes(0600)),
        new TarEntry.Directory("home", new FileAttributes(02775, 1000, 1001, TIME, List.of(Xattr.of("user.comment", "kept")))),
        new TarEntry.RegularFile("home/notes", FileAttributes.of(0640, 1000, 1001, TIME), 5),
        new TarEntry.Directory("tmp", attributes(01777)));
  }

  @Test
  void unpack_everyKind_keepsTypesOwnersModesTimesAndXattrs() throws Exception {
    Path blob = temp.resolve("layer.tar.gz");
    Layers.write(blob, everyKind(), Map.of());
    Path target = temp.resolve("store/layer");

    unpacker.unpack(blob, target, "test-layer");

    assertThat(mode(target.resolve("bin/su"))).isEqualTo(0100000 | 04755);
    assertThat(mode(target.resolve("tmp"))).isEqualTo(0040000 | 01777);
    assertThat(mode(target.resolve("home"))).isEqualTo(0040000 | 02775);
    assertThat(attribute(target.resolve("home/notes"), "uid")).isEqualTo(1000);
    assertThat(attribute(target.resolve("home/notes"), "gid")).isEqualTo(1001);
    assertThat(attribute(target.resolve("bin/su"), "ino")).isEqualTo(attribute(target.resolve("bin/su-link"), "ino"));
    assertThat(Files.readSymbolicLink(target.resolve("bin/absolute"))).hasToString("/etc/passwd");
    assertThat(attribute(target.resolve("dev/null"), "rdev")).isEqualTo(Linux.deviceNumber(1, 3));
    assertThat(mode(target.resolve("dev/loop0")) & 0170000).isEqualTo(0060000);
    assertThat(mode(target.resolve("dev/initctl")) & 0170000).isEqualTo(0010000);
    assertThat(Linux.getXattr(target.resolve("bin/ping"), "security.capability")).isEqualTo(CAPABILITY);
    assertThat(Linux.getXattr(target.resolve("home"), "user.comment")).isEqualTo("kept".getBytes());
    assertThat(Files.getLastModifiedTime(target.resolve("bin"), LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(TIME);
    assertThat(Files.getLastModifiedTime(target.resolve("bin/sh"), LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(TIME);
    assertThat(target.resolve("home/notes")).hasContent("xxxxx");
    try (var siblings = Files.list(temp.resolve("store"))) {
      assertThat(siblings).containsExactly(target);
    }
  }

  @Test
  void unpack_ociWhiteouts_becomeOverlayWhiteoutsAndOpaqueDirectories() throws Exception {
    Path blob = temp.resolve("layer.tar.gz");
    Layers.write(
        blob,
        List.of(
            new TarEntry.Directory("etc", attributes(0755)),
            new TarEntry.Whiteout("etc/motd", attributes(0600)),
            new TarEntry.Directory("opt", attributes(0755)),
            new TarEntry.OpaqueWhiteout("opt", attributes(0755)),
            new TarEntry.RegularFile("opt/new", attributes(0644), 1),
            new TarEntry.OpaqueWhiteout("var/cache", attributes(0755))),
        Map.of());
    Path target = temp.resolve("layer");

    unpacker.unpack(blob, target, "test-layer");

    assertThat(mode(target.resolve("etc/motd")) & 0170000).isEqualTo(Linux.S_IFCHR);
    assertThat(attribute(target.resolve("etc/motd"), "rdev")).isEqualTo(0L);
    assertThat(OverlayForm.isOpaque(target.resolve("opt"))).isTrue();
    assertThat(OverlayForm.isOpaque(target.resolve("var/cache"))).isTrue();
    assertThat(OverlayForm.isOpaque(target.resolve("etc"))).isFalse();
    assertThat(target.resolve("opt/new")).exists();
  }

  @Test
  void unpack_overlayXattrInArchive_dropped() throws Exception {
    Path blob = temp.resolve("layer.tar.gz");
    Layers.write(
        blob,
        List.of(new TarEntry.Directory("sneaky", attributes(0755).withXattrs(List.of(Xattr.of("trusted.overlay.opaque", "y"))))),
        Map.of());
    Path target = temp.resolve("layer");

    unpacker.unpack(blob, target, "test-layer");

    assertThat(OverlayForm.isOpaque(target.resolve("sneaky"))).isFalse();
  }

  static List<List<TarEntry>> escapes() {
    return List.of(
        List.of(new TarEntry.RegularFile("../escaped", attributes(0644), 1)),
        List.of(new TarEntry.RegularFile("a/../../escaped", attributes(0644), 1)),
        List.of(new TarEntry.RegularFile("/escaped", attributes(0644), 1)),
        List.of(new TarEntry.Symlink("link", attributes(0777), ".."), new TarEntry.RegularFile("link/escaped", attributes(0644), 1)),
        List.of(new TarEntry.Symlink("link", attributes(0777), "/tmp"), new TarEntry.Directory("link/escaped", attributes(0755))),
        List.of(new TarEntry.HardLink("escaped", attributes(0644), "../outside")),
        List.of(new TarEntry.HardLink("escaped", attributes(0644), "/etc/passwd")),
        List.of(new TarEntry.Symlink("link", attributes(0777), ".."), new TarEntry.HardLink("escaped", attributes(0644), "link/outside")));
  }

  @ParameterizedTest
  @MethodSource("escapes")
  void unpack_entryLeavingTheLayer_refusedNamingLayerAndEntry(List<TarEntry> entries) throws Exception {
    Path blob = temp.resolve("layer.tar.gz");
    Files.writeString(temp.resolve("outside"), "precious");
    // The writer refuses such paths, so write them the way a hostile tool would: raw.
    HostileTar.write(blob, entries);
    Path target = temp.resolve("store/layer");

    assertThatThrownBy(() -> unpacker.unpack(blob, target, "sha256:hostile"))
        .isInstanceOf(LayerUnpackException.class)
        .hasMessageStartingWith("layer sha256:hostile: entry ")
        .satisfies(e -> assertThat(((LayerUnpackException) e).entryPath()).isEqualTo(entries.get(entries.size() - 1).path()));

    assertThat(target).doesNotExist();
    assertThat(temp.resolve("escaped")).doesNotExist();
    assertThat(temp.resolve("store/escaped")).doesNotExist();
    assertThat(Path.of("/escaped")).doesNotExist();
    assertThat(Path.of("/tmp/escaped")).doesNotExist();
    assertThat(temp.resolve("outside")).hasContent("precious");
    try (var store = Files.list(temp.resolve("store"))) {
      assertThat(store).as("no temporary directory left").isEmpty();
    }
  }

  @Test
  void unpack_targetAlreadyExists_succeedsWithoutTouchingIt() throws Exception {
    Path blob = temp.resolve("layer.tar.gz");
    Layers.write(blob, everyKind(), Map.of());
    Path target = Files.createDirectories(temp.resolve("layer"));
    Files.writeString(target.resolve("marker"), "first");

    unpacker.unpack(blob, target, "test-layer");

    try (var files = Files.list(target)) {
      assertThat(files).containsExactly(target.resolve("marker"));
    }
  }

  @Test
  void unpack_notATarball_refusedNamingTheLayer() throws Exception {
    Path blob = Files.write(temp.resolve("layer.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});

    assertThatThrownBy(() -> unpacker.unpack(blob, temp.resolve("layer"), "sha256:broken"))
        .isInstanceOf(LayerUnpackException.class)
        .hasMessageContaining("sha256:broken");
    assertThat(temp.resolve("layer")).doesNotExist();
  }

  @Test
  void unpack_tarFromGnuTarWithXattrs_keepsThem() throws Exception {
    Path tree = Files.createDirectories(temp.resolve("tree/usr/bin"));
    Path tool = Files.writeString(tree.resolve("tool"), "#!/bin/sh\n");
    Linux.setXattr(tool, "security.capability", CAPABILITY);
    Linux.changeMode(tool, 04711);
    Path blob = temp.resolve("gnu.tar");
    Process tar =
        new ProcessBuilder("tar", "--xattrs", "--xattrs-include=*", "--format=posix", "-C", temp.resolve("tree").toString(), "-cf", blob.toString(), ".")
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes());
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(output).isZero();

    Path target = temp.resolve("layer");
    unpacker.unpack(blob, target, "gnu");

    assertThat(Linux.getXattr(target.resolve("usr/bin/tool"), "security.capability")).isEqualTo(CAPABILITY);
    assertThat(mode(target.resolve("usr/bin/tool")) & 07777).isEqualTo(04711);
  }

  private static int mode(Path path) throws Exception {
    return (Integer) attribute(path, "mode");
  }

  private static Object attribute(Path path, String name) throws Exception {
    return Files.getAttribute(path, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
  }
}
