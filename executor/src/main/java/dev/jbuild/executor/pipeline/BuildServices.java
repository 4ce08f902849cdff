package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildListener;
import dev.jbuild.api.BuildRequest;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.cache.FileDigestCache;
import dev.jbuild.cache.StepCache;
import dev.jbuild.core.image.Platform;
import dev.jbuild.executor.context.BuildContext;
import dev.jbuild.executor.layers.LayerUnpacker;
import dev.jbuild.executor.layers.SnapshotOptions;
import dev.jbuild.executor.layers.Snapshotter;
import dev.jbuild.executor.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every step of one build shares: the cache, the sandbox, base-image loading, the context,
 * the listener, and build-wide settings. One instance per build.
 */
record BuildServices(
    CacheDirectory cache,
    Sandbox sandbox,
    LayerUnpacker unpacker,
    Snapshotter snapshotter,
    BaseImages bases,
    BuildContext context,
    BuildListener listener,
    Platform platform,
    boolean networkNone,
    boolean pull,
    String hostname,
    Optional<Instant> sourceDateEpoch,
    String compression,
    int compressionLevel,
    AtomicInteger stepNumbers,
    StepCache stepCache,
    FileDigestCache fileDigests,
    CachePolicy cachePolicy,
    RegistryCache registryCache,
    List<StepRecord> steps,
    Map<String, BuildRequest.Secret> secrets,
    Map<String, Path> sshAgents) {

  /**
   * How layers are written: with the build's compression (gzip, zstd or none) and level, file times clamped to
   * {@code SOURCE_DATE_EPOCH} when it is set (as BuildKit's rewrite-timestamp), so that two builds
   * of the same sources give the same bytes.
   */
  SnapshotOptions layerOptions() {
    SnapshotOptions options = switch (compression) {
      case "zstd" -> SnapshotOptions.defaults().withZstd(compressionLevel);
      case "uncompressed" -> SnapshotOptions.defaults().withCompressionLevel(0);
      default -> SnapshotOptions.defaults().withCompressionLevel(compressionLevel);
    };
    return sourceDateEpoch.map(options::withModificationTimeClamp).orElse(options);
  }
}
