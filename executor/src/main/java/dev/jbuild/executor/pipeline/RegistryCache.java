package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildListener;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.cache.CacheKey;
import dev.jbuild.cache.CachedStep;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ContainerConfig;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.core.image.ImageJson;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Manifest;
import dev.jbuild.core.image.MediaTypes;
import dev.jbuild.core.image.Platform;
import dev.jbuild.registry.BlobUpload;
import dev.jbuild.registry.ImageNotFoundException;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.ResolvedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The layer cache kept in a registry ({@code --cache-from/--cache-to type=registry,ref=REPO}),
 * so that CI runners with empty local caches reuse what another runner built. The cache is an
 * ordinary (not runnable) OCI image at {@code REF}: its layers are the cached layer blobs, and
 * its config carries the key index, {@code key -> layer}, in the label
 * {@value #INDEX_LABEL}. Being an image, it moves through any registry and through the same
 * pull and push code as everything else. Thread-safe.
 */
final class RegistryCache {
  static final String INDEX_LABEL = "dev.jbuild.cache.index.v1";

  /** What one cache entry says, as stored in the index label. */
  record IndexEntry(Descriptor layer, Digest diffId, java.time.Instant created) {}

  private final CacheDirectory cache;
  private final Supplier<RegistryClient> registry;
  private final List<ImageReference> sources;
  private final ImageReference destination;
  private final Platform platform;
  private final BuildListener listener;
  private final Map<String, IndexEntry> used = new LinkedHashMap<>();
  private Map<String, IndexEntry> remote;
  private Map<String, ResolvedImage> remoteImages;

  RegistryCache(CacheDirectory cache, Supplier<RegistryClient> registry, List<ImageReference> sources,
      ImageReference destination, Platform platform, BuildListener listener) {
    this.cache = cache;
    this.registry = registry;
    this.sources = List.copyOf(sources);
    this.destination = destination;
    this.platform = platform;
    this.listener = listener;
  }

  boolean isEnabled() {
    return !sources.isEmpty() || destination != null;
  }

  /**
   * The step {@code key} from the registry cache, its blob fetched into the local cache; empty
   * when no source has it.
   */
  synchronized Optional<CachedStep> lookup(CacheKey key) throws RegistryException, IOException {
    if (sources.isEmpty()) {
      return Optional.empty();
    }
    loadSources();
    IndexEntry entry = remote.get(key.toString());
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.layer() != null && !cache.verifyBlob(entry.layer().digest(), entry.layer().size())) {
      ResolvedImage image = remoteImages.get(key.toString());
      var temporary = cache.newTemporaryFile("cache-from");
      registry.get().fetchBlob(image, entry.layer(), temporary, done -> listener.onEvent(
          new BuildEvent.Transfer("cache " + entry.layer().digest().hex().substring(0, 12), done, entry.layer().size())));
      cache.commitBlob(temporary, entry.layer().digest());
    }
    return Optional.of(new CachedStep(entry.layer(), entry.diffId(), entry.created()));
  }

  /** Notes a step this build used or made, for {@link #export()}. */
  synchronized void remember(CacheKey key, CachedStep step) {
    used.put(key.toString(), new IndexEntry(step.layer(), step.diffId(), step.created()));
  }

  /**
   * Pushes the steps this build used (merged over what the sources held, when the destination
   * is one of them) to the destination.
   */
  synchronized void export() throws RegistryException, IOException {
    if (destination == null) {
      return;
    }
    Map<String, IndexEntry> index = new TreeMap<>();
    if (sources.contains(destination)) {
      loadSources();
      index.putAll(remote);
    }
    index.putAll(used);
    List<Descriptor> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    List<BlobUpload> uploads = new ArrayList<>();
    Map<Digest, Boolean> seen = new LinkedHashMap<>();
    for (Map.Entry<String, IndexEntry> entry : new ArrayList<>(index.entrySet())) {
      Descriptor layer = entry.getValue().layer();
      if (layer == null || seen.containsKey(layer.digest())) {
        continue;
      }
      if (!cache.verifyBlob(layer.digest(), layer.size())) {
        index.remove(entry.getKey()); // a merged remote entry we never fetched: keep it out
        continue;
      }
      seen.put(layer.digest(), true);
      layers.add(layer);
      diffIds.add(entry.getValue().diffId());
      uploads.add(new BlobUpload(layer, cache.blobPath(layer.digest()), null));
    }
    String indexJson = new String(ImageJson.write(index), StandardCharsets.UTF_8);
    ImageConfig config = new ImageConfig(null, null, platform.architecture(), platform.variant(), platform.os(),
        ContainerConfig.EMPTY.withLabels(Map.of(INDEX_LABEL, indexJson)),
        new ImageConfig.RootFs("layers", diffIds), List.of());
    byte[] configJson = ImageJson.write(config);
    Digest configDigest = cache.writeBlob(configJson);
    uploads.add(new BlobUpload(new Descriptor(MediaTypes.OCI_CONFIG, configDigest, configJson.length),
        cache.blobPath(configDigest), null));
    byte[] manifest = ImageJson.write(new Manifest(MediaTypes.OCI_MANIFEST,
        new Descriptor(MediaTypes.OCI_CONFIG, configDigest, configJson.length), layers));
    listener.onEvent(new BuildEvent.Activity("exporting " + index.size() + " cache entries to " + destination.familiar()));
    registry.get().push(List.of(destination), uploads, manifest, MediaTypes.OCI_MANIFEST);
  }

  private void loadSources() throws RegistryException, IOException {
    if (remote != null) {
      return;
    }
    remote = new LinkedHashMap<>();
    remoteImages = new LinkedHashMap<>();
    for (ImageReference source : sources) {
      ResolvedImage image;
      try {
        image = registry.get().resolve(source, platform);
      } catch (ImageNotFoundException e) {
        listener.onEvent(new BuildEvent.Activity("no cache at " + source.familiar() + " yet"));
        continue;
      }
      String label = image.config().config().labels().get(INDEX_LABEL);
      if (label == null) {
        listener.onEvent(new BuildEvent.Activity(source.familiar() + " is not a jbuild cache; ignored"));
        continue;
      }
      Map<String, IndexEntry> entries = readIndex(label);
      listener.onEvent(new BuildEvent.Activity("importing " + entries.size() + " cache entries from " + source.familiar()));
      for (Map.Entry<String, IndexEntry> entry : entries.entrySet()) {
        remote.putIfAbsent(entry.getKey(), entry.getValue());
        remoteImages.putIfAbsent(entry.getKey(), image);
      }
    }
  }

  private static Map<String, IndexEntry> readIndex(String json) throws IOException {
    Map<String, IndexEntry> entries = new LinkedHashMap<>();
    Map<?, ?> raw = ImageJson.read(json.getBytes(StandardCharsets.UTF_8), Map.class);
    for (Map.Entry<?, ?> entry : raw.entrySet()) {
      byte[] value = ImageJson.write(entry.getValue());
      entries.put(entry.getKey().toString(), ImageJson.read(value, IndexEntry.class));
    }
    return entries;
  }
}
