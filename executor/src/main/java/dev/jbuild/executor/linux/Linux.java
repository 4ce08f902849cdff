package dev.jbuild.executor.linux;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Static facade over the libc calls in {@link LibC}. Every method throws {@link LinuxException}
 * when the call fails. Thread-safe; calls that change namespaces or the working directory affect
 * only the calling thread (see the package documentation).
 */
public final class Linux {
  public static final int CLONE_NEWNS = 0x00020000;
  public static final int CLONE_NEWUTS = 0x04000000;
  public static final int CLONE_NEWIPC = 0x08000000;
  public static final int CLONE_NEWPID = 0x20000000;
  public static final int CLONE_NEWNET = 0x40000000;

  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_REMOUNT = 32;
  public static final long MS_BIND = 4096;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1 << 18;

  public static final int MNT_DETACH = 2;

  public static final int S_IFIFO = 0010000;
  public static final int S_IFCHR = 0020000;
  public static final int S_IFBLK = 0060000;

  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EINVAL = 22;
  public static final int ENODATA = 61;
  public static final int EOPNOTSUPP = 95;

  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 02000000;
  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;
  private static final int AF_INET = 2;
  private static final int SOCK_DGRAM = 2;
  private static final long SIOCGIFFLAGS = 0x8913;
  private static final long SIOCSIFFLAGS = 0x8914;
  private static final int IFF_UP = 1;
  private static final int IFREQ_SIZE = 40;

  /** The JDK encodes file names with this charset; native paths must use the same bytes. */
  private static final Charset FILE_NAME_CHARSET = fileNameCharset();

  private Linux() {}

  private static final class Holder {
    static final LibC LIBC = LibraryLoader.create(LibC.class).failImmediately().load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    static {
      // jnr-ffi starts a finalizer thread on the first native memory allocation. A thread that
      // unshared its PID namespace cannot start threads (EINVAL), so that must happen here, on
      // whichever ordinary thread calls warmUp() first.
      jnr.ffi.Memory.allocateDirect(RUNTIME, 8);
    }
  }

  /**
   * Loads libc and starts jnr-ffi's helper thread. Call from an ordinary thread before handing
   * work to a thread that will unshare namespaces (see {@link NativeProcess}).
   */
  public static void warmUp() {
    libc();
  }

  public static void unshare(int flags) throws LinuxException {
    if (libc().unshare(flags) != 0) {
      throw failure("unshare", "flags 0x" + Integer.toHexString(flags));
    }
  }

  /** mount(2); {@code source}, {@code type} and {@code data} may be null. */
  public static void mount(String source, Path target, String type, long flags, String data) throws LinuxException {
    if (libc().mount(bytes(source), bytes(target), bytes(type), flags, bytes(data)) != 0) {
      throw failure("mount", (type == null ? "" : type + " ") + source + " on " + target + " flags 0x"
          + Long.toHexString(flags) + (data == null ? "" : " options " + data));
    }
  }

  public static void unmount(Path target, int flags) throws LinuxException {
    if (libc().umount2(bytes(target), flags) != 0) {
      throw failure("umount2", target.toString());
    }
  }

  public static void setHostname(String hostname) throws LinuxException {
    byte[] name = hostname.getBytes(StandardCharsets.US_ASCII);
    if (libc().sethostname(name, name.length) != 0) {
      throw failure("sethostname", hostname);
    }
  }

  /** Changes the calling thread's working directory (its own only after unshare(CLONE_NEWNS)). */
  public static void changeDirectory(Path directory) throws LinuxException {
    if (libc().chdir(bytes(directory)) != 0) {
      throw failure("chdir", directory.toString());
    }
  }

  /** mknod(2) of a character or block device or a fifo: {@code type} is S_IFCHR, S_IFBLK or S_IFIFO. */
  public static void makeNode(Path path, int type, int permissions, int major, int minor) throws LinuxException {
    if (libc().mknod(bytes(path), type | permissions, deviceNumber(major, minor)) != 0) {
      throw failure("mknod", path + " " + major + "," + minor);
    }
  }

  /** lchown(2): never follows a symlink. */
  public static void changeOwner(Path path, int uid, int gid) throws LinuxException {
    if (libc().lchown(bytes(path), uid, gid) != 0) {
      throw failure("lchown", path + " " + uid + ":" + gid);
    }
  }

  /** chmod(2) including setuid, setgid and sticky bits; the caller makes sure {@code path} is no symlink. */
  public static void changeMode(Path path, int mode) throws LinuxException {
    if (libc().chmod(bytes(path), mode) != 0) {
      throw failure("chmod", path + " " + Integer.toOctalString(mode));
    }
  }

  /** Sets access and modification time of {@code path} itself (never a symlink's target). */
  public static void setTimes(Path path, Instant time) throws LinuxException {
    long[] times = {time.getEpochSecond(), time.getNano(), time.getEpochSecond(), time.getNano()};
    if (libc().utimensat(AT_FDCWD, bytes(path), times, AT_SYMLINK_NOFOLLOW) != 0) {
      throw failure("utimensat", path + " " + time);
    }
  }

  /** The names of the extended attributes of {@code path} itself, in the kernel's order. */
  public static List<String> listXattrs(Path path) throws LinuxException {
    byte[] nativePath = bytes(path);
    while (true) {
      long size = libc().llistxattr(nativePath, null, 0);
      if (size < 0) {
        if (errno() == EOPNOTSUPP) {
          return List.of();
        }
        throw failure("llistxattr", path.toString());
      }
      if (size == 0) {
        return List.of();
      }
      byte[] list = new byte[(int) size];
      long read = libc().llistxattr(nativePath, list, list.length);
      if (read < 0) {
        if (errno() == 34 /* ERANGE: grew meanwhile */) {
          continue;
        }
        throw failure("llistxattr", path.toString());
      }
      List<String> names = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < read; i++) {
        if (list[i] == 0) {
          names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      return names;
    }
  }

  /** The value of xattr {@code name} of {@code path} itself, or null when it has none. */
  public static byte[] getXattr(Path path, String name) throws LinuxException {
    byte[] nativePath = bytes(path);
    byte[] nativeName = bytes(name);
    while (true) {
      long size = libc().lgetxattr(nativePath, nativeName, null, 0);
      if (size < 0) {
        if (errno() == ENODATA) {
          return null;
        }
        throw failure("lgetxattr", path + " " + name);
      }
      if (size == 0) {
        return new byte[0];
      }
      byte[] value = new byte[(int) size];
      long read = libc().lgetxattr(nativePath, nativeName, value, value.length);
      if (read < 0) {
        if (errno() == 34 /* ERANGE: grew meanwhile */) {
          continue;
        }
        throw failure("lgetxattr", path + " " + name);
      }
      return read == value.length ? value : Arrays.copyOf(value, (int) read);
    }
  }

  /** Sets xattr {@code name} on {@code path} itself. */
  public static void setXattr(Path path, String name, byte[] value) throws LinuxException {
    if (libc().lsetxattr(bytes(path), bytes(name), value, value.length, 0) != 0) {
      throw failure("lsetxattr", path + " " + name);
    }
  }

  /** Flushes the whole file system holding {@code path} to disk: one call instead of an fsync per file. */
  public static void syncFileSystem(Path path) throws LinuxException {
    int fd = libc().open(bytes(path), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw failure("open", path.toString());
    }
    try {
      if (libc().syncfs(fd) != 0) {
        throw failure("syncfs", path.toString());
      }
    } finally {
      libc().close(fd);
    }
  }

  /** Sets IFF_UP on {@code lo} of the calling thread's network namespace. */
  public static void bringLoopbackUp() throws LinuxException {
    int socket = libc().socket(AF_INET, SOCK_DGRAM, 0);
    if (socket < 0) {
      throw failure("socket", "AF_INET datagram");
    }
    try {
      byte[] request = new byte[IFREQ_SIZE];
      request[0] = 'l';
      request[1] = 'o';
      if (libc().ioctl(socket, SIOCGIFFLAGS, request) != 0) {
        throw failure("ioctl", "SIOCGIFFLAGS lo");
      }
      // ifr_flags is a short right after the 16-byte interface name.
      request[16] |= IFF_UP;
      if (libc().ioctl(socket, SIOCSIFFLAGS, request) != 0) {
        throw failure("ioctl", "SIOCSIFFLAGS lo up");
      }
    } finally {
      libc().close(socket);
    }
  }

  /** glibc's makedev(3). */
  public static long deviceNumber(int major, int minor) {
    long majorBits = major & 0xffffffffL;
    long minorBits = minor & 0xffffffffL;
    return ((majorBits & 0xfffff000L) << 32)
        | ((majorBits & 0xfffL) << 8)
        | ((minorBits & 0xffffff00L) << 12)
        | (minorBits & 0xffL);
  }

  /** glibc's major(3) of a device number as the JDK's {@code unix:rdev} attribute gives it. */
  public static int major(long device) {
    return (int) (((device >>> 32) & 0xfffff000L) | ((device >>> 8) & 0xfffL));
  }

  /** glibc's minor(3). */
  public static int minor(long device) {
    return (int) (((device >>> 12) & 0xffffff00L) | (device & 0xffL));
  }

  static LibC libc() {
    return Holder.LIBC;
  }

  static Runtime runtime() {
    return Holder.RUNTIME;
  }

  static int errno() {
    return Holder.RUNTIME.getLastError();
  }

  static LinuxException failure(String call, String description) {
    int errno = errno();
    return new LinuxException(call, errno, description + ": " + libc().strerror(errno) + " (errno " + errno + ")");
  }

  static byte[] bytes(Path path) {
    return bytes(path.toString());
  }

  static byte[] bytes(String text) {
    if (text == null) {
      return null;
    }
    byte[] encoded = text.getBytes(FILE_NAME_CHARSET);
    return Arrays.copyOf(encoded, encoded.length + 1);
  }

  private static Charset fileNameCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return Charset.defaultCharset();
    }
  }
}
