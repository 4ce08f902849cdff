package dev.jbuild.core.tar;

import java.util.Objects;

/**
 * One entry of a layer tarball. {@link #path()} is '/'-separated and relative to the layer root,
 * with no leading {@code ./} and no trailing slash; the empty path is the layer root itself.
 *
 * <p>{@link LayerWriter} accepts only clean paths (no {@code .}, {@code ..} or empty components).
 * {@link LayerReader} hands over names exactly as the archive has them after that normalisation,
 * so an untrusted archive may yield absolute paths or {@code ..}: whoever writes entries to disk
 * must check them.
 */
public sealed interface TarEntry {
  String path();

  FileAttributes attributes();

  /** A directory. */
  record Directory(String path, FileAttributes attributes) implements TarEntry {
    public Directory {
      requirePath(path);
      Objects.requireNonNull(attributes, "attributes");
    }
  }

  /** A regular file of {@code size} bytes; the content travels beside the entry, not in it. */
  record RegularFile(String path, FileAttributes attributes, long size) implements TarEntry {
    public RegularFile {
      requireNonRootPath(path);
      Objects.requireNonNull(attributes, "attributes");
      if (size < 0) {
        throw new IllegalArgumentException("size must not be negative: " + size);
      }
    }
  }

  /** A symbolic link; {@code target} is stored verbatim and may point anywhere. */
  record Symlink(String path, FileAttributes attributes, String target) implements TarEntry {
    public Symlink {
      requireNonRootPath(path);
      Objects.requireNonNull(attributes, "attributes");
      Objects.requireNonNull(target, "target");
    }
  }

  /**
   * A hard link to {@code target}, the path of an earlier entry of the same layer. Its attributes
   * are the target's: writing a hard link never changes metadata.
   */
  record HardLink(String path, FileAttributes attributes, String target) implements TarEntry {
    public HardLink {
      requireNonRootPath(path);
      Objects.requireNonNull(attributes, "attributes");
      requireNonRootPath(target);
    }
  }

  /** A character or block device node. */
  record Device(String path, FileAttributes attributes, DeviceKind kind, int major, int minor)
      implements TarEntry {
    public Device {
      requireNonRootPath(path);
      Objects.requireNonNull(attributes, "attributes");
      Objects.requireNonNull(kind, "kind");
      if (major < 0 || minor < 0) {
        throw new IllegalArgumentException("device numbers must not be negative");
      }
    }
  }

  /** A named pipe. */
  record Fifo(String path, FileAttributes attributes) implements TarEntry {
    public Fifo {
      requireNonRootPath(path);
      Objects.requireNonNull(attributes, "attributes");
    }
  }

  /**
   * The removal of {@code path} from the layers below; stored in the tar as an empty regular file
   * named {@code .wh.<name>} beside it.
   */
  record Whiteout(String path, FileAttributes attributes) implements TarEntry {
    public Whiteout {
      requireNonRootPath(path);
      Objects.requireNonNull(attributes, "attributes");
    }
  }

  /**
   * Directory {@code path} hides everything the layers below have in it; stored as an empty
   * regular file {@code <path>/.wh..wh..opq}. Write it right after the directory's own entry.
   */
  record OpaqueWhiteout(String path, FileAttributes attributes) implements TarEntry {
    public OpaqueWhiteout {
      requirePath(path);
      Objects.requireNonNull(attributes, "attributes");
    }
  }

  /** The two kinds of device node. */
  enum DeviceKind {
    CHARACTER,
    BLOCK
  }

  private static void requirePath(String path) {
    Objects.requireNonNull(path, "path");
    if (path.endsWith("/") || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a normalised entry path: " + path);
    }
  }

  private static void requireNonRootPath(String path) {
    requirePath(path);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("only a directory entry can be the layer root");
    }
  }
}
