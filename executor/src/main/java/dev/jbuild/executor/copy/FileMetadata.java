package dev.jbuild.executor.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** Owner, full mode (with setuid/setgid/sticky) and mtime of one file, read or applied without following links. */
record FileMetadata(int mode, int uid, int gid, FileTime modified) {
  static final int TYPE_MASK = 0170000;
  static final int DIRECTORY = 0040000;
  static final int SYMLINK = 0120000;

  static FileMetadata read(Path path) throws IOException {
    Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    return new FileMetadata((Integer) attributes.get("mode"), (Integer) attributes.get("uid"),
        (Integer) attributes.get("gid"), (FileTime) attributes.get("lastModifiedTime"));
  }

  /** The permission bits, setuid/setgid/sticky included, without the file type. */
  int permissions() {
    return mode & 07777;
  }

  boolean isDirectory() {
    return (mode & TYPE_MASK) == DIRECTORY;
  }

  FileMetadata withOwner(int newUid, int newGid) {
    return new FileMetadata(mode, newUid, newGid, modified);
  }

  FileMetadata withPermissions(int permissions) {
    return new FileMetadata((mode & TYPE_MASK) | (permissions & 07777), uid, gid, modified);
  }

  /**
   * Applies owner, permissions (not for symlinks, which have none) and mtime to {@code path}, in
   * that order, since chown clears setuid bits and any change but mtime's own leaves mtime alone.
   */
  void applyTo(Path path) throws IOException {
    Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    if ((mode & TYPE_MASK) != SYMLINK) {
      Files.setAttribute(path, "unix:mode", permissions());
    }
    Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(modified, null, null);
  }
}
