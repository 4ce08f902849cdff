package dev.jbuild.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.core.tar.LayerBlob;
import dev.jbuild.core.tar.LayerReader;
import dev.jbuild.core.tar.TarEntry;
import dev.jbuild.executor.layers.LayerUnpacker;
import dev.jbuild.executor.layers.SnapshotOptions;
import dev.jbuild.executor.layers.Snapshotter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A RUN step's upper dir becomes a layer, which unpacked under the next step behaves as in docker. */
class StepLayerCycleTest {
  @TempDir Path temp;

  @Test
  void runSnapshotUnpackRun_deletionsAndReplacedDirectoriesCarryOver() throws Exception {
    Path base = BusyboxRootfs.create(temp.resolve("base"));
    Files.writeString(base.resolve("etc/motd"), "welcome");
    Files.createDirectories(base.resolve("opt/data"));
    Files.writeString(base.resolve("opt/data/old-1"), "1");
    Files.writeString(base.resolve("opt/data/old-2"), "2");
    SandboxFixture fixture = new SandboxFixture(temp);
    RunSpec step =
        fixture.spec(
            List.of(base),
            "sh",
            "-c",
            "rm /etc/motd && rm -rf /opt/data && mkdir /opt/data && echo fresh > /opt/data/new"
                + " && touch /suid && chmod 4755 /suid && mkdir -m 1777 /scratch && ln /suid /suid-link && ln -s /suid /suid-symlink");

    assertThat(fixture.run(step).exitCode()).isZero();
    Path blob = temp.resolve("step.tar.gz");
    Optional<LayerBlob> layer = new Snapshotter().snapshot(step.upperDir(), blob, SnapshotOptions.defaults());

    List<String> entries = new ArrayList<>();
    try (LayerReader reader = LayerReader.open(Files.newInputStream(blob))) {
      for (TarEntry entry; (entry = reader.next()) != null; ) {
        entries.add(entry.getClass().getSimpleName() + " " + entry.path());
      }
    }
    assertThat(layer).isPresent();
    assertThat(entries)
        .containsExactly(
            "Directory etc",
            "Whiteout etc/motd",
            "Directory opt",
            "Directory opt/data",
            "OpaqueWhiteout opt/data",
            "RegularFile opt/data/new",
            "Directory scratch",
            "RegularFile suid",
            "HardLink suid-link",
            "Symlink suid-symlink");

    Path unpacked = temp.resolve("store/step");
    new LayerUnpacker().unpack(blob, unpacked, layer.get().diffId().toString());
    SandboxFixture.Result next =
        fixture.run(
            fixture.spec(
                List.of(unpacked, base),
                "sh",
                "-c",
                "ls /etc/motd 2>&1; ls /opt/data; stat -c '%a %h' /suid /scratch; readlink /suid-symlink"));

    assertThat(next.lines())
        .containsExactly("ls: /etc/motd: No such file or directory", "new", "4755 2", "1777 2", "/suid");
  }
}
