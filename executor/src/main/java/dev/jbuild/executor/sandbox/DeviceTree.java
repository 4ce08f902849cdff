package dev.jbuild.executor.sandbox;

import dev.jbuild.executor.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The minimal /dev docker gives a container: a tmpfs with null, zero, full, random, urandom and
 * tty, a private devpts instance with ptmx, a tmpfs /dev/shm, an mqueue for the step's IPC
 * namespace, and the /proc/self/fd links.
 */
final class DeviceTree {
  private static final int TTY_GROUP = 5;

  private DeviceTree() {}

  static void mount(Path dev) throws IOException {
    Linux.mount("tmpfs", dev, "tmpfs", Linux.MS_NOSUID, "mode=755,size=65536k");
    node(dev, "null", 1, 3);
    node(dev, "zero", 1, 5);
    node(dev, "full", 1, 7);
    node(dev, "random", 1, 8);
    node(dev, "urandom", 1, 9);
    node(dev, "tty", 5, 0);

    Path pts = Files.createDirectory(dev.resolve("pts"));
    Linux.mount(
        "devpts", pts, "devpts", Linux.MS_NOSUID | Linux.MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=" + TTY_GROUP);
    Files.createSymbolicLink(dev.resolve("ptmx"), Path.of("pts/ptmx"));

    Path shm = Files.createDirectory(dev.resolve("shm"));
    Linux.mount("shm", shm, "tmpfs", Linux.MS_NOSUID | Linux.MS_NODEV | Linux.MS_NOEXEC, "mode=1777,size=65536k");
    Path mqueue = Files.createDirectory(dev.resolve("mqueue"));
    Linux.mount("mqueue", mqueue, "mqueue", Linux.MS_NOSUID | Linux.MS_NODEV | Linux.MS_NOEXEC, null);

    Files.createSymbolicLink(dev.resolve("fd"), Path.of("/proc/self/fd"));
    Files.createSymbolicLink(dev.resolve("stdin"), Path.of("/proc/self/fd/0"));
    Files.createSymbolicLink(dev.resolve("stdout"), Path.of("/proc/self/fd/1"));
    Files.createSymbolicLink(dev.resolve("stderr"), Path.of("/proc/self/fd/2"));
  }

  private static void node(Path dev, String name, int major, int minor) throws IOException {
    Path node = dev.resolve(name);
    Linux.makeNode(node, Linux.S_IFCHR, 0666, major, minor);
    Linux.changeMode(node, 0666); // mknod applied the JVM's umask
  }
}
