package dev.jbuild.cache;

/** What a cache directory holds: compressed blobs, unpacked layers and cache mounts, counted and sized. */
public record CacheUsage(int blobs, long blobBytes, int layers, long layerBytes, int mounts, long mountBytes) {
  public long totalBytes() {
    return blobBytes + layerBytes + mountBytes;
  }
}
