package dev.jbuild.registry;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.MediaTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Pushes an image to one or more repositories: per repository, its blobs in parallel (skipping
 * those present, mounting those another repository of the registry has), then the manifest
 * bytes under each tag. A second repository of the same registry mounts from the first.
 * Thread-safe.
 */
final class ImagePusher {
  private record Repository(String registry, String repository) {}

  private final Connections connections;
  private final ExecutorService executor;
  private final Consumer<String> log;

  ImagePusher(Connections connections, ExecutorService executor, Consumer<String> log) {
    this.connections = connections;
    this.executor = executor;
    this.log = log;
  }

  Digest push(List<ImageReference> targets, List<BlobUpload> blobs, byte[] manifestJson,
      String manifestMediaType, PushProgress progress) throws RegistryException {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target to push to");
    }
    if (!MediaTypes.isManifest(manifestMediaType) && !MediaTypes.isIndex(manifestMediaType)) {
      throw new IllegalArgumentException("not a manifest or index media type: " + manifestMediaType);
    }
    requireFilesMatchDescriptors(blobs);
    Digest digest = Digest.sha256Of(manifestJson);
    RawManifestTemplate template = new RawManifestTemplate(manifestJson, manifestMediaType);
    Map<Repository, List<ImageReference>> byRepository = new LinkedHashMap<>();
    for (ImageReference target : targets) {
      if (target.digest() != null && !target.digest().equals(digest)) {
        throw new IllegalArgumentException(
            "target " + target + " names a digest other than the manifest's " + digest);
      }
      byRepository.computeIfAbsent(new Repository(target.registry(), target.repository()),
          unused -> new ArrayList<>()).add(target);
    }
    Map<String, List<String>> pushedByRegistry = new LinkedHashMap<>();
    for (Map.Entry<Repository, List<ImageReference>> entry : byRepository.entrySet()) {
      Repository repository = entry.getKey();
      List<String> pushedHere =
          pushedByRegistry.computeIfAbsent(repository.registry(), unused -> new ArrayList<>());
      RepositoryConnection connection = connections.forPush(
          repository.registry(), repository.repository(), scopeSource(repository, blobs, pushedHere));
      pushBlobs(connection, repository, blobs, pushedHere, progress);
      for (ImageReference target : entry.getValue()) {
        pushManifest(connection, template, target, digest);
      }
      pushedHere.add(repository.repository());
    }
    return digest;
  }

  private void pushBlobs(RepositoryConnection connection, Repository repository,
      List<BlobUpload> blobs, List<String> pushedHere, PushProgress progress) throws RegistryException {
    List<Callable<Void>> uploads = new ArrayList<>();
    for (BlobUpload blob : blobs) {
      String mountFrom = mountSource(blob, repository, pushedHere);
      uploads.add(() -> {
        pushBlob(connection, repository, blob, mountFrom, progress);
        return null;
      });
    }
    List<Future<Void>> results;
    try {
      results = executor.invokeAll(uploads);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while pushing blobs to " + name(repository), e);
    }
    for (Future<Void> result : results) {
      try {
        result.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RegistryException registry) {
          throw registry;
        }
        throw new IllegalStateException("pushing a blob failed unexpectedly", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted while pushing blobs to " + name(repository), e);
      }
    }
  }

  private void pushBlob(RepositoryConnection connection, Repository repository, BlobUpload blob,
      String mountFrom, PushProgress progress) throws RegistryException {
    Digest digest = blob.descriptor().digest();
    String attempted = "push blob " + digest + " to " + name(repository);
    try {
      if (connection.hasBlob(digest)) {
        log.accept("blob " + digest + " exists in " + name(repository) + "; not uploaded");
        progress.sent(blob.descriptor(), blob.descriptor().size());
        return;
      }
      boolean mounted = connection.pushBlob(digest, blob.file(), mountFrom,
          sent -> progress.sent(blob.descriptor(), sent));
      if (mounted) {
        progress.sent(blob.descriptor(), blob.descriptor().size());
        log.accept("blob " + digest + " mounted into " + name(repository) + " from "
            + (mountFrom == null ? "the registry" : repository.registry() + "/" + mountFrom));
      } else {
        log.accept("blob " + digest + " uploaded to " + name(repository) + " ("
            + blob.descriptor().size() + " bytes)");
      }
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, connection.endpoint(), attempted,
          cause -> new RegistryException(attempted + " failed: the registry answered 404", cause));
    }
  }

  private void pushManifest(RepositoryConnection connection, RawManifestTemplate template,
      ImageReference target, Digest digest) throws RegistryException {
    String qualifier = target.tag() != null ? target.tag() : digest.toString();
    String attempted = "push manifest " + target.familiar();
    try {
      Digest pushed = connection.pushManifest(template, qualifier);
      if (!pushed.equals(digest)) {
        throw new RegistryException(attempted + ": the registry stored it as " + pushed
            + ", not as our " + digest);
      }
      log.accept("pushed " + target.familiar() + " as " + digest);
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, connection.endpoint(), attempted,
          cause -> new RegistryException(attempted + " failed: the registry answered 404", cause));
    }
  }

  /**
   * Where {@code blob} may be mounted from when pushed to {@code repository}: the image it came
   * from when that is another repository of the same registry, else a repository this push
   * already filled on that registry, else nowhere.
   */
  private static String mountSource(BlobUpload blob, Repository repository, List<String> pushedHere) {
    ImageReference origin = blob.mountFrom();
    if (origin != null && origin.registry().equals(repository.registry())
        && !origin.repository().equals(repository.repository())) {
      return origin.repository();
    }
    return pushedHere.isEmpty() ? null : pushedHere.get(0);
  }

  /**
   * The repository a push token should also grant pull on (jib asks for one): the first mount
   * source any blob has.
   */
  private static String scopeSource(Repository repository, List<BlobUpload> blobs, List<String> pushedHere) {
    for (BlobUpload blob : blobs) {
      String source = mountSource(blob, repository, pushedHere);
      if (source != null) {
        return source;
      }
    }
    return null;
  }

  private static void requireFilesMatchDescriptors(List<BlobUpload> blobs) {
    for (BlobUpload blob : blobs) {
      try {
        long size = Files.size(blob.file());
        if (size != blob.descriptor().size()) {
          throw new IllegalArgumentException("blob file " + blob.file() + " has " + size
              + " bytes, its descriptor says " + blob.descriptor().size());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read blob file " + blob.file(), e);
      }
    }
  }

  private static String name(Repository repository) {
    return repository.registry() + "/" + repository.repository();
  }
}
