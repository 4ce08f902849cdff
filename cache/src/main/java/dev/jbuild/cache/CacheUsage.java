package dev.jbuild.cache;

/** What a cache directory holds: compressed blobs and unpacked layers, counted and sized. */
public record CacheUsage(int blobs, long blobBytes, int layers, long layerBytes) {
  public long totalBytes() {
    return blobBytes + layerBytes;
  }
}
