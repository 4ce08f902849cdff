package dev.jbuild.executor.layers;

/**
 * A layer that could not be unpacked: the message names the layer and, when one is to blame, the
 * entry, e.g. {@code layer sha256:ab12..: entry ../etc/passwd: path leaves the layer}.
 */
public final class LayerUnpackException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String layerName;
  private final String entryPath;

  LayerUnpackException(String layerName, String entryPath, String problem, Throwable cause) {
    super("layer " + layerName + (entryPath == null ? "" : ": entry " + entryPath) + ": " + problem, cause);
    this.layerName = layerName;
    this.entryPath = entryPath;
  }

  public String layerName() {
    return layerName;
  }

  /** The offending entry's path as the archive names it, or null when no single entry is to blame. */
  public String entryPath() {
    return entryPath;
  }
}
