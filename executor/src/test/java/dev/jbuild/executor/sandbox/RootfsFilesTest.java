package dev.jbuild.executor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsFilesTest {
  @TempDir Path temp;

  @Test
  void readText_absoluteSymlink_resolvedInsideTheRoot() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("usr/lib/passwd"), "inside");
    Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/usr/lib/passwd"));

    assertThat(RootfsFiles.readText(root, "/etc/passwd")).contains("inside");
  }

  @Test
  void readText_symlinkClimbingOut_staysAtTheRoot() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Files.writeString(temp.resolve("secret"), "host");
    Files.createDirectories(root.resolve("etc"));
    Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("../../../secret"));

    assertThat(RootfsFiles.readText(root, "/etc/passwd")).isEmpty();
  }

  @Test
  void readText_missingOrDirectory_empty() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root/etc/group"));

    assertThat(RootfsFiles.readText(temp.resolve("root"), "/etc/passwd")).isEmpty();
    assertThat(RootfsFiles.readText(temp.resolve("root"), "/etc/group")).isEmpty();
    assertThat(root).isDirectory();
  }
}
