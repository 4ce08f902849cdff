package dev.jbuild.core.tar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a tar entry records about a file besides its name and content.
 *
 * @param mode permission bits including setuid (04000), setgid (02000) and sticky (01000); never
 *     the file type bits
 * @param modificationTime written with whole-second precision
 * @param xattrs sorted by name, names unique
 */
public record FileAttributes(int mode, int uid, int gid, Instant modificationTime, List<Xattr> xattrs) {
  public static final int PERMISSION_MASK = 07777;

  public FileAttributes {
    if ((mode & ~PERMISSION_MASK) != 0) {
      throw new IllegalArgumentException("mode has bits outside 07777: " + Integer.toOctalString(mode));
    }
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
    }
    Objects.requireNonNull(modificationTime, "modificationTime");
    List<Xattr> sorted = new ArrayList<>(xattrs);
    sorted.sort(null);
    Set<String> names = new HashSet<>();
    for (Xattr xattr : sorted) {
      if (!names.add(xattr.name())) {
        throw new IllegalArgumentException("duplicate xattr " + xattr.name());
      }
    }
    xattrs = List.copyOf(sorted);
  }

  public static FileAttributes of(int mode, int uid, int gid, Instant modificationTime) {
    return new FileAttributes(mode, uid, gid, modificationTime, List.of());
  }

  public FileAttributes withModificationTime(Instant newModificationTime) {
    return new FileAttributes(mode, uid, gid, newModificationTime, xattrs);
  }

  public FileAttributes withXattrs(List<Xattr> newXattrs) {
    return new FileAttributes(mode, uid, gid, modificationTime, newXattrs);
  }

  public FileAttributes withMode(int newMode) {
    return new FileAttributes(newMode, uid, gid, modificationTime, xattrs);
  }
}
