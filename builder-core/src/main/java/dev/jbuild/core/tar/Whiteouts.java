package dev.jbuild.core.tar;

/** The OCI whiteout file naming convention (image-spec layer.md, "Whiteouts"). */
final class Whiteouts {
  static final String PREFIX = ".wh.";
  /** AUFS bookkeeping files start with this; docker skips them when applying a layer. */
  static final String META_PREFIX = ".wh..wh.";
  static final String OPAQUE = ".wh..wh..opq";

  private Whiteouts() {}

  /** The tar name marking {@code path} as removed. */
  static String whiteoutName(String path) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + PREFIX + path.substring(slash + 1);
  }

  /** The tar name marking directory {@code path} as opaque. */
  static String opaqueName(String directory) {
    return directory.isEmpty() ? OPAQUE : directory + "/" + OPAQUE;
  }

  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
