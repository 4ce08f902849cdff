package dev.jbuild.executor.layers;

import dev.jbuild.executor.linux.Linux;
import dev.jbuild.executor.linux.LinuxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How overlayfs marks removals in a layer directory: a whiteout is a character device 0/0, an
 * opaque directory carries {@code trusted.overlay.opaque=y} (or {@code user.overlay.opaque=y} on
 * mounts with {@code userxattr}).
 */
public final class OverlayForm {
  public static final String OPAQUE_XATTR = "trusted.overlay.opaque";
  public static final String USER_OPAQUE_XATTR = "user.overlay.opaque";
  private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);

  private OverlayForm() {}

  /** Whether a file of this {@code unix:mode} and {@code unix:rdev} is a whiteout. */
  public static boolean isWhiteout(int mode, long rdev) {
    return (mode & 0170000) == Linux.S_IFCHR && rdev == 0;
  }

  /** Whether directory {@code directory} is marked opaque in either xattr namespace. */
  public static boolean isOpaque(Path directory) throws LinuxException {
    return Arrays.equals(YES, Linux.getXattr(directory, OPAQUE_XATTR))
        || Arrays.equals(YES, Linux.getXattr(directory, USER_OPAQUE_XATTR));
  }

  /** Creates a whiteout at {@code path}, which must not exist. */
  public static void createWhiteout(Path path) throws IOException {
    Linux.makeNode(path, Linux.S_IFCHR, 0, 0, 0);
  }

  /** Marks {@code directory} opaque for a root-mounted overlay. */
  public static void markOpaque(Path directory) throws IOException {
    Linux.setXattr(directory, OPAQUE_XATTR, YES);
  }

  /** Whether an xattr is overlayfs's own bookkeeping, which never belongs in a layer tarball. */
  public static boolean isOverlayXattr(String name) {
    return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
  }
}
