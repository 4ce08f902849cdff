package dev.jbuild.registry;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Manifest;
import java.util.Objects;

/**
 * An image manifest and config as a registry served them, digests verified.
 *
 * @param requested the reference as asked for, e.g. {@code docker.io/library/busybox:latest}
 * @param source where it was actually found (a mirror or the registry itself), carrying the
 *     manifest digest; blobs are fetched from here
 * @param manifestDigest the digest of the platform's image manifest (not of an index)
 * @param configJson the config blob's bytes, whose sha256 is the manifest's config digest
 */
public record ResolvedImage(
    ImageReference requested,
    ImageReference source,
    Digest manifestDigest,
    Manifest manifest,
    byte[] configJson,
    ImageConfig config) {

  public ResolvedImage {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(config, "config");
    configJson = configJson.clone();
  }

  /** A copy of the config bytes. */
  @Override
  public byte[] configJson() {
    return configJson.clone();
  }
}
