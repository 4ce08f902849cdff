package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildListener;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.cache.CacheKey;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.core.image.ImageJson;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Manifest;
import dev.jbuild.core.image.Platform;
import dev.jbuild.executor.layers.LayerUnpackException;
import dev.jbuild.executor.layers.LayerUnpacker;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.ResolvedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Brings base images into the cache: resolves the reference (from the local store unless a pull
 * is forced, so that a rebuild needs no registry round trip), downloads missing layer blobs and
 * unpacks missing layers, in parallel. Thread-safe.
 */
final class BaseImages {
  /** What the local store remembers about a resolved base reference. */
  record StoredBase(String source, Digest manifestDigest, Manifest manifest) {}

  private final CacheDirectory cache;
  private final Supplier<RegistryClient> registry;
  private final ExecutorService transfers;
  private final BuildListener listener;
  private final LayerUnpacker unpacker;

  BaseImages(CacheDirectory cache, Supplier<RegistryClient> registry, ExecutorService transfers, BuildListener listener,
      LayerUnpacker unpacker) {
    this.cache = cache;
    this.unpacker = unpacker;
    this.registry = registry;
    this.transfers = transfers;
    this.listener = listener;
  }

  /**
   * The base image {@code reference} for {@code platform}, with every layer blob and unpacked
   * layer present in the cache.
   */
  StageResult load(ImageReference reference, Platform platform, boolean pull) throws RegistryException, IOException {
    String refName = "bases/" + reference + "/" + platform.toString().replace('/', '-');
    Optional<StoredBase> stored = pull ? Optional.empty() : readStored(refName);
    ImageReference source;
    Manifest manifest;
    ImageConfig config;
    if (stored.isPresent() && isComplete(stored.get())) {
      source = ImageReference.parse(stored.get().source());
      manifest = stored.get().manifest();
      config = ImageJson.read(cache.readBlob(manifest.config().digest()).orElseThrow(), ImageConfig.class);
      listener.onEvent(new BuildEvent.Activity("using " + reference.familiar() + "@" + stored.get().manifestDigest() + " from the local store"));
      return withLayers(source, manifest, config, null, stored.get().manifestDigest());
    }
    listener.onEvent(new BuildEvent.Activity("resolving " + reference.familiar()));
    ResolvedImage resolved = registry.get().resolve(reference, platform);
    cache.writeBlob(resolved.configJson());
    source = resolved.source();
    manifest = resolved.manifest();
    config = resolved.config();
    StageResult result = withLayers(source, manifest, config, resolved, resolved.manifestDigest());
    cache.writeRef(refName, new String(ImageJson.write(
        new StoredBase(source.toString(), resolved.manifestDigest(), manifest)), java.nio.charset.StandardCharsets.UTF_8));
    return result;
  }

  /** True when the stored base's config, blobs and unpacked layers are all in the cache. */
  private boolean isComplete(StoredBase stored) throws IOException {
    Optional<byte[]> configJson = cache.readBlob(stored.manifest().config().digest());
    if (configJson.isEmpty()) {
      return false;
    }
    List<Digest> diffIds = ImageJson.read(configJson.get(), ImageConfig.class).rootfs().diffIds();
    List<Descriptor> blobs = stored.manifest().layers();
    if (diffIds.size() != blobs.size()) {
      return false;
    }
    for (int i = 0; i < blobs.size(); i++) {
      if (!cache.hasBlob(blobs.get(i).digest()) || !cache.hasLayer(diffIds.get(i))) {
        return false;
      }
    }
    return true;
  }

  private Optional<StoredBase> readStored(String refName) throws IOException {
    Optional<String> text = cache.readRef(refName);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImageJson.read(text.get().getBytes(java.nio.charset.StandardCharsets.UTF_8), StoredBase.class));
    } catch (IOException e) {
      return Optional.empty(); // an unreadable record is re-resolved, not fatal
    }
  }

  private StageResult withLayers(ImageReference source, Manifest manifest, ImageConfig config, ResolvedImage resolved,
      Digest manifestDigest) throws RegistryException, IOException {
    List<Digest> diffIds = config.rootfs().diffIds();
    List<Descriptor> blobs = manifest.layers();
    if (diffIds.size() != blobs.size()) {
      throw new IOException("image " + source.familiar() + " is inconsistent: " + blobs.size()
          + " layers in its manifest but " + diffIds.size() + " diff_ids in its config");
    }
    List<CompletableFuture<Layer>> futures = new ArrayList<>();
    for (int i = 0; i < blobs.size(); i++) {
      Descriptor blob = blobs.get(i);
      Digest diffId = diffIds.get(i);
      futures.add(CompletableFuture.supplyAsync(() -> {
        try {
          return layer(source, blob, diffId, resolved);
        } catch (RegistryException | IOException e) {
          throw new CompletionException(e);
        }
      }, transfers));
    }
    List<Layer> layers = new ArrayList<>();
    for (CompletableFuture<Layer> future : futures) {
      try {
        layers.add(future.join());
      } catch (CompletionException e) {
        futures.forEach(other -> other.cancel(true));
        if (e.getCause() instanceof RegistryException registryException) {
          throw registryException;
        }
        if (e.getCause() instanceof IOException ioException) {
          throw ioException;
        }
        throw e;
      }
    }
    return new StageResult(config, layers, CacheKey.root(manifestDigest));
  }

  private Layer layer(ImageReference source, Descriptor blob, Digest diffId, ResolvedImage resolved)
      throws RegistryException, IOException {
    if (!cache.hasLayer(diffId) || !cache.hasBlob(blob.digest())) {
      if (!cache.hasBlob(blob.digest())) {
        if (resolved == null) {
          throw new IOException("layer " + blob.digest() + " of " + source.familiar() + " is missing from the cache");
        }
        var temporary = cache.newTemporaryFile("pull");
        String name = "pull " + blob.digest().hex().substring(0, 12);
        registry.get().fetchBlob(resolved, blob, temporary,
            done -> listener.onEvent(new BuildEvent.Transfer(name, done, blob.size())));
        cache.commitBlob(temporary, blob.digest());
      }
      if (!cache.hasLayer(diffId)) {
        listener.onEvent(new BuildEvent.Activity("unpacking " + source.familiar() + " layer " + blob.digest().hex().substring(0, 12)));
        var directory = cache.newTemporaryDirectory("unpack");
        var target = directory.resolve("layer");
        try {
          unpacker.unpack(cache.blobPath(blob.digest()), target, source.familiar() + " layer " + blob.digest());
        } catch (LayerUnpackException e) {
          throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted unpacking " + blob.digest());
        }
        cache.commitLayer(target, diffId);
        CacheDirectory.deleteRecursively(directory);
      }
    }
    cache.markUsed(blob.digest());
    cache.markUsed(diffId);
    return new Layer(blob, diffId, cache.layerPath(diffId), source, null);
  }
}
