package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A tiny root file system for kernel tests: Debian's busybox-static with every applet linked in
 * /bin, and /etc/passwd and /etc/group with a few users and groups. No /proc, /dev or /sys: the
 * sandbox must provide them.
 */
public final class BusyboxRootfs {
  public static final Path BUSYBOX = Path.of("/bin/busybox");
  public static final String PASSWD =
      "root:x:0:0:root:/root:/bin/sh\n"
          + "daemon:x:1:1:daemon:/usr/sbin:/bin/false\n"
          + "app:x:1000:1000:app user:/home/app:/bin/sh\n"
          + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
  public static final String GROUP =
      "root:x:0:\n"
          + "daemon:x:1:\n"
          + "tty:x:5:\n"
          + "wheel:x:10:root,app\n"
          + "audio:x:29:app\n"
          + "app:x:1000:\n"
          + "nogroup:x:65534:\n";

  private BusyboxRootfs() {}

  /** Fills {@code root} (created when missing) with the busybox tree. */
  public static Path create(Path root) throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        Files.isExecutable(BUSYBOX), "busybox-static is not installed (/bin/busybox): apt-get install busybox-static");
    Path bin = Files.createDirectories(root.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(bin.resolve("busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
    String applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    list.waitFor(10, TimeUnit.SECONDS);
    for (String applet : applets.split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
      }
    }
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), PASSWD);
    Files.writeString(etc.resolve("group"), GROUP);
    Files.createDirectories(root.resolve("root"));
    Path home = Files.createDirectories(root.resolve("home/app"));
    Files.setAttribute(home, "unix:uid", 1000);
    Files.setAttribute(home, "unix:gid", 1000);
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setAttribute(tmp, "unix:mode", 01777);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    return root;
  }
}
