package dev.jbuild.registry;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Talks to OCI distribution registries: resolves image references, fetches blobs, pushes images.
 * Implementations are thread-safe; create one per build and close it when the build ends.
 */
public interface RegistryClient extends AutoCloseable {

  /**
   * Resolves a tag or digest to one image manifest for {@code platform} (an OCI index or Docker
   * manifest list picks the platform's entry), then fetches and verifies the image config. A
   * configured mirror of the reference's registry is tried first; a miss there falls back to the
   * registry itself.
   *
   * @throws ImageNotFoundException when no registry tried has the reference
   * @throws PlatformNotFoundException when the index has no entry for {@code platform}
   */
  ResolvedImage resolve(ImageReference reference, Platform platform) throws RegistryException;

  /**
   * Streams one blob of {@code image.source()} into {@code destination}: written to a temporary
   * sibling, verified against the descriptor's digest and size, fsynced, then renamed. An
   * existing {@code destination} is taken as already fetched. {@code progress} receives the
   * number of bytes received so far (restarting from 0 when a transfer is retried).
   */
  void fetchBlob(ResolvedImage image, Descriptor blob, Path destination, LongConsumer progress)
      throws RegistryException;

  /**
   * Pushes an image to every target: first its blobs, in parallel, skipping those a target
   * repository already has (HEAD check) and cross-mounting those whose {@link
   * BlobUpload#mountFrom()} is another repository of the same registry; then {@code manifestJson}
   * byte for byte under each target's tag (or by digest when a target has no tag).
   *
   * @param progress told the bytes sent per blob as uploads go
   * @return the manifest digest, the sha256 of {@code manifestJson}, as every registry confirmed
   */
  Digest push(
      List<ImageReference> targets,
      List<BlobUpload> blobs,
      byte[] manifestJson,
      String manifestMediaType,
      PushProgress progress)
      throws RegistryException;

  /** {@link #push(List, List, byte[], String, PushProgress)} without progress. */
  default Digest push(
      List<ImageReference> targets,
      List<BlobUpload> blobs,
      byte[] manifestJson,
      String manifestMediaType)
      throws RegistryException {
    return push(targets, blobs, manifestJson, manifestMediaType, PushProgress.NONE);
  }

  /** Releases connections and threads; calls in flight fail. */
  @Override
  void close();
}
