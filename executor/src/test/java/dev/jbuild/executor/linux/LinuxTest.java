package dev.jbuild.executor.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxTest {
  @TempDir Path temp;

  @Test
  void deviceNumber_matchesTheKernelsEncoding() throws Exception {
    long devNull = (Long) Files.getAttribute(Path.of("/dev/null"), "unix:rdev");

    assertThat(Linux.deviceNumber(1, 3)).isEqualTo(devNull);
    assertThat(Linux.major(Linux.deviceNumber(259, 70000))).isEqualTo(259);
    assertThat(Linux.minor(Linux.deviceNumber(259, 70000))).isEqualTo(70000);
  }

  @Test
  void xattrs_setListAndGet_binaryValuesKept() throws Exception {
    Path file = Files.writeString(temp.resolve("file"), "");
    byte[] value = {0, (byte) 0xff, 10, 0};

    Linux.setXattr(file, "user.binary", value);

    assertThat(Linux.listXattrs(file)).contains("user.binary");
    assertThat(Linux.getXattr(file, "user.binary")).isEqualTo(value);
    assertThat(Linux.getXattr(file, "user.absent")).isNull();
  }

  @Test
  void setTimes_symlink_changesTheLinkNotItsTarget() throws Exception {
    Path target = Files.writeString(temp.resolve("target"), "");
    Path link = Files.createSymbolicLink(temp.resolve("link"), target);
    Instant before = Files.getLastModifiedTime(target).toInstant();

    Linux.setTimes(link, Instant.ofEpochSecond(1000));

    assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toInstant()).isEqualTo(Instant.ofEpochSecond(1000));
    assertThat(Files.getLastModifiedTime(target).toInstant()).isEqualTo(before);
  }

  @Test
  void failure_namesCallArgumentsAndErrno() {
    assertThatThrownBy(() -> Linux.changeMode(temp.resolve("missing"), 0644))
        .isInstanceOf(LinuxException.class)
        .hasMessageContaining("chmod failed")
        .hasMessageContaining("missing")
        .hasMessageContaining("errno 2")
        .satisfies(e -> assertThat(((LinuxException) e).errno()).isEqualTo(Linux.ENOENT));
  }

  @Test
  void spawn_echo_outputReadAndExitCodeReturned() throws Exception {
    try (NativeProcess process =
        NativeProcess.spawn(Path.of("/bin/sh"), List.of("sh", "-c", "echo out; echo err >&2; exit 7"), List.of("PATH=/bin:/usr/bin"))) {
      StringBuilder output = new StringBuilder();
      byte[] buffer = new byte[1024];
      for (int read; (read = process.readOutput(buffer, 1000)) >= 0; ) {
        output.append(new String(buffer, 0, read));
      }

      assertThat(output.toString()).isEqualTo("out\nerr\n");
      assertThat(process.waitFor()).isEqualTo(7);
    }
  }

  @Test
  void kill_runningProcess_endsItWithSigkill() throws Exception {
    try (NativeProcess process = NativeProcess.spawn(Path.of("/bin/sleep"), List.of("sleep", "100"), List.of())) {
      process.kill();

      assertThat(process.waitFor()).isEqualTo(128 + 9);
      process.kill(); // after reaping: must not signal a reused pid, and must not fail
    }
  }
}
