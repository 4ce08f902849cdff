package dev.jbuild.executor.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.core.digest.Digests;
import dev.jbuild.core.tar.LayerBlob;
import dev.jbuild.core.tar.TarEntry;
import dev.jbuild.core.tar.Xattr;
import dev.jbuild.executor.linux.Linux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotterTest {
  private static final Instant TIME = Instant.ofEpochSecond(1_650_000_000L);

  @TempDir Path temp;
  private final Snapshotter snapshotter = new Snapshotter();

  @Test
  void snapshot_emptyDirectory_givesNoLayer() throws Exception {
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Path blob = temp.resolve("layer.tar.gz");

    assertThat(snapshotter.snapshot(upper, blob, SnapshotOptions.defaults())).isEmpty();
    assertThat(blob).doesNotExist();
  }

  @Test
  void snapshot_onlySkippedPaths_givesNoLayer() throws Exception {
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Files.createDirectories(upper.resolve("proc"));
    Files.createDirectories(upper.resolve("etc"));
    Files.writeString(upper.resolve("etc/resolv.conf"), "");
    SnapshotOptions options = SnapshotOptions.defaults().withSkippedPaths(List.of("/proc", "/etc/resolv.conf", "etc"));

    assertThat(snapshotter.snapshot(upper, temp.resolve("layer.tar.gz"), options)).isEmpty();
  }

  @Test
  void snapshot_overlayForm_becomesOciWhiteoutsAndOpaqueMarkers() throws Exception {
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Files.createDirectories(upper.resolve("etc"));
    OverlayForm.createWhiteout(upper.resolve("etc/motd"));
    Path opt = Files.createDirectories(upper.resolve("opt"));
    OverlayForm.markOpaque(opt);
    Files.writeString(opt.resolve("fresh"), "new");
    Path userOpaque = Files.createDirectories(upper.resolve("srv"));
    Linux.setXattr(userOpaque, OverlayForm.USER_OPAQUE_XATTR, "y".getBytes());
    Path blob = temp.resolve("layer.tar.gz");

    Optional<LayerBlob> layer = snapshotter.snapshot(upper, blob, SnapshotOptions.defaults());

    assertThat(layer).isPresent();
    assertThat(Layers.read(blob))
        .extracting(entry -> entry.getClass().getSimpleName() + " " + entry.path())
        .containsExactly(
            "Directory etc",
            "Whiteout etc/motd",
            "Directory opt",
            "OpaqueWhiteout opt",
            "RegularFile opt/fresh",
            "Directory srv",
            "OpaqueWhiteout srv");
    assertThat(Layers.read(blob).get(2).attributes().xattrs()).as("overlay xattrs never reach the layer").isEmpty();
  }

  @Test
  void snapshot_hardLinksInTheLayer_keptAsHardLinksToTheFirstPath() throws Exception {
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Path first = Files.writeString(upper.resolve("b-original"), "content");
    Files.createLink(upper.resolve("a-link"), first);
    Files.createLink(upper.resolve("c-link"), first);
    Path blob = temp.resolve("layer.tar.gz");

    snapshotter.snapshot(upper, blob, SnapshotOptions.defaults());

    List<TarEntry> entries = Layers.read(blob);
    assertThat(entries.get(0)).isInstanceOf(TarEntry.RegularFile.class).extracting(TarEntry::path).isEqualTo("a-link");
    assertThat(entries.get(1)).isEqualTo(new TarEntry.HardLink("b-original", entries.get(0).attributes(), "a-link"));
    assertThat(entries.get(2)).isEqualTo(new TarEntry.HardLink("c-link", entries.get(0).attributes(), "a-link"));
  }

  @Test
  void snapshot_sameTreeBuiltInAnotherOrder_identicalLayer() throws Exception {
    Path one = Files.createDirectory(temp.resolve("one"));
    Path two = Files.createDirectory(temp.resolve("two"));
    for (String name : List.of("z", "a", "m/q", "m/b")) {
      Files.createDirectories(one.resolve(name).getParent());
      Files.writeString(one.resolve(name), name);
    }
    for (String name : List.of("m/b", "a", "m/q", "z")) {
      Files.createDirectories(two.resolve(name).getParent());
      Files.writeString(two.resolve(name), name);
    }
    SnapshotOptions options = SnapshotOptions.defaults().withModificationTimeClamp(TIME);

    LayerBlob first = snapshotter.snapshot(one, temp.resolve("one.tar.gz"), options).orElseThrow();
    LayerBlob second = snapshotter.snapshot(two, temp.resolve("two.tar.gz"), options).orElseThrow();

    assertThat(first).isEqualTo(second);
    assertThat(Digests.ofFile(temp.resolve("one.tar.gz"))).isEqualTo(first.digest());
    assertThat(Files.size(temp.resolve("one.tar.gz"))).isEqualTo(first.size());
    assertThat(Layers.read(temp.resolve("one.tar.gz"))).extracting(TarEntry::path).containsExactly("a", "m", "m/b", "m/q", "z");
  }

  @Test
  void snapshot_modificationTimeClamp_appliesOnlyToLaterTimes() throws Exception {
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Path old = Files.writeString(upper.resolve("old"), "");
    Linux.setTimes(old, Instant.ofEpochSecond(1000));
    Files.writeString(upper.resolve("new"), "");
    Path blob = temp.resolve("layer.tar.gz");

    snapshotter.snapshot(upper, blob, SnapshotOptions.defaults().withModificationTimeClamp(TIME));

    assertThat(Layers.read(blob))
        .extracting(entry -> entry.path() + "@" + entry.attributes().modificationTime().getEpochSecond())
        .containsExactly("new@" + TIME.getEpochSecond(), "old@1000");
  }

  @Test
  void snapshot_unpackedLayer_roundTripsEveryKindAndItsMetadata() throws Exception {
    Path original = temp.resolve("original.tar.gz");
    List<TarEntry> entries = LayerUnpackerTest.everyKind();
    Layers.write(original, entries, Map.of());
    Path unpacked = temp.resolve("unpacked");
    new LayerUnpacker().unpack(original, unpacked, "round-trip");

    Path again = temp.resolve("again.tar.gz");
    snapshotter.snapshot(unpacked, again, SnapshotOptions.defaults());

    // The snapshot is sorted and hard links keep their attributes; compare as sets of values.
    List<TarEntry> expected =
        entries.stream()
            .map(entry -> entry instanceof TarEntry.HardLink link ? new TarEntry.HardLink(link.path(), entries.get(2).attributes(), link.target()) : entry)
            .toList();
    assertThat(Layers.read(again)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void snapshot_skippedDirectory_leavesOutItsSubtreeOnly() throws Exception {
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Files.createDirectories(upper.resolve("run/secrets"));
    Files.writeString(upper.resolve("run/secrets/token"), "t");
    Files.writeString(upper.resolve("run/kept"), "k");
    Path blob = temp.resolve("layer.tar.gz");

    snapshotter.snapshot(upper, blob, new SnapshotOptions(Set.of("run/secrets"), Optional.empty(), 1));

    assertThat(Layers.read(blob)).extracting(TarEntry::path).containsExactly("run", "run/kept");
  }

  @Test
  void snapshot_xattrs_keptExceptOverlayAndSelinux() throws Exception {
    Path upper = Files.createDirectory(temp.resolve("upper"));
    Path file = Files.writeString(upper.resolve("file"), "");
    Linux.setXattr(file, "user.keep", "v".getBytes());
    Linux.setXattr(file, "trusted.overlay.origin", "x".getBytes());
    Linux.setXattr(file, "trusted.other", "o".getBytes());
    Path blob = temp.resolve("layer.tar.gz");

    snapshotter.snapshot(upper, blob, SnapshotOptions.defaults());

    assertThat(Layers.read(blob).get(0).attributes().xattrs())
        .containsExactly(Xattr.of("trusted.other", "o"), Xattr.of("user.keep", "v"));
  }
}
