package dev.jbuild.registry;

import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.core.image.ImageIndex;
import dev.jbuild.core.image.ImageJson;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Manifest;
import dev.jbuild.core.image.MediaTypes;
import dev.jbuild.core.image.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Resolves a reference to a platform's image manifest and config: mirrors first, then the
 * reference's own registry; an index or manifest list picks the platform's entry; every
 * manifest and the config are checked against their digests (and sizes, where a descriptor
 * gives one). Thread-safe.
 */
final class ImageResolver {
  private final RegistrySettings settings;
  private final Connections connections;
  private final Retries retries;
  private final Consumer<String> log;

  ImageResolver(
      RegistrySettings settings, Connections connections, Retries retries, Consumer<String> log) {
    this.settings = settings;
    this.connections = connections;
    this.retries = retries;
    this.log = log;
  }

  /**
   * Tries each mirror of the reference's registry, then the registry; any mirror failure but a
   * missing platform falls through to the next source. When all fail, the
   * registry's own failure is reported, except that a mirror's "not found" beats an unreachable
   * registry: in an air-gapped build the mirror's answer is the one that means something.
   */
  ResolvedImage resolve(ImageReference reference, Platform platform) throws RegistryException {
    List<RegistryException> misses = new ArrayList<>();
    for (String mirror : settings.mirrorsOf(reference.registry())) {
      try {
        return resolveAt(reference, reference.withRegistry(mirror), platform);
      } catch (PlatformNotFoundException noSuchPlatform) {
        // The mirror has the image; the registry would list the same platforms.
        throw noSuchPlatform;
      } catch (RegistryException miss) {
        // A mirror is a cache: whatever it cannot serve, the registry itself may.
        log.accept("mirror " + mirror + " of " + reference.registry() + " cannot serve "
            + reference.familiar() + " (" + miss.getMessage() + "); trying the next source");
        misses.add(miss);
      }
    }
    try {
      return resolveAt(reference, reference, platform);
    } catch (RegistryUnreachableException | RegistryTlsException unreachable) {
      Optional<RegistryException> notFound =
          misses.stream().filter(ImageNotFoundException.class::isInstance).findFirst();
      if (notFound.isEmpty()) {
        misses.forEach(unreachable::addSuppressed);
        throw unreachable;
      }
      log.accept(unreachable.getMessage() + "; reporting the mirror's answer");
      ImageNotFoundException mirrorAnswer = new ImageNotFoundException(reference, notFound.get());
      mirrorAnswer.addSuppressed(unreachable);
      throw mirrorAnswer;
    } catch (RegistryException failure) {
      misses.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private ResolvedImage resolveAt(ImageReference requested, ImageReference at, Platform platform)
      throws RegistryException {
    RepositoryConnection connection = connections.forPull(at.registry(), at.repository());
    Endpoint endpoint = connection.endpoint();
    String attempted = "pull manifest of " + requested.familiar();
    try {
      RawManifest top = connection.pullManifest(at.qualifier());
      if (at.digest() != null) {
        requireDigest(top, at.digest(), -1, requested, endpoint);
      }
      String mediaType = top.mediaType();
      RawManifest image = top;
      if (MediaTypes.isIndex(mediaType)) {
        Descriptor chosen = choose(ImageJson.read(top.bytes(), ImageIndex.class), requested, platform);
        image = connection.pullManifest(chosen.digest().toString());
        requireDigest(image, chosen.digest(), chosen.size(), requested, endpoint);
        mediaType = image.mediaType();
      }
      if (!MediaTypes.isManifest(mediaType)) {
        throw new RegistryException("unsupported manifest type " + mediaType + " for "
            + requested.familiar() + " at " + endpoint.address()
            + " (supported: OCI and Docker v2 schema 2 manifests and indexes)");
      }
      Manifest manifest = ImageJson.read(image.bytes(), Manifest.class);
      byte[] configJson = pullConfig(connection, manifest.config(), requested);
      ImageConfig config = ImageJson.read(configJson, ImageConfig.class);
      if (!platform.matches(config.platform())) {
        log.accept(requested.familiar() + " is " + config.platform() + ", not " + platform);
      }
      Digest manifestDigest = image.digest();
      log.accept("resolved " + requested.familiar() + " at " + endpoint.registry() + " to "
          + manifestDigest);
      return new ResolvedImage(
          requested, at.withDigest(manifestDigest), manifestDigest, manifest, configJson, config);
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, endpoint, attempted,
          cause -> new ImageNotFoundException(requested, cause));
    }
  }

  private static Descriptor choose(ImageIndex index, ImageReference requested, Platform platform)
      throws PlatformNotFoundException {
    return index.select(platform).orElseThrow(() -> new PlatformNotFoundException(
        requested, platform, index.manifests().stream()
            .map(Descriptor::platform)
            .filter(Objects::nonNull)
            .filter(candidate -> !candidate.os().equals("unknown"))
            .distinct()
            .toList()));
  }

  private byte[] pullConfig(RepositoryConnection connection, Descriptor config, ImageReference requested)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException, RegistryException {
    byte[] json;
    try {
      json = retries.run("pull config " + config.digest(), () -> {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(config.size(), 1 << 20));
        connection.pullBlob(config.digest(), bytes);
        return bytes.toByteArray();
      });
    } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
      throw RegistryErrors.translate(e, connection.endpoint(),
          "pull config of " + requested.familiar(),
          cause -> new RegistryException("config blob " + config.digest() + " of "
              + requested.familiar() + " is missing from " + connection.endpoint().address(), cause));
    }
    if (json.length != config.size() || !Digest.sha256Of(json).equals(config.digest())) {
      throw new RegistryException("config of " + requested.familiar() + " does not match its descriptor "
          + config.digest() + " (" + config.size() + " bytes): got " + Digest.sha256Of(json)
          + " (" + json.length + " bytes)");
    }
    return json;
  }

  private static void requireDigest(
      RawManifest manifest, Digest expected, long expectedSize, ImageReference requested, Endpoint endpoint)
      throws RegistryException {
    Digest actual = manifest.digest();
    if (!actual.equals(expected) || (expectedSize >= 0 && manifest.bytes().length != expectedSize)) {
      throw new RegistryException("manifest of " + requested.familiar() + " from " + endpoint.address()
          + " does not match " + expected + ": got " + actual + " (" + manifest.bytes().length + " bytes)");
    }
  }
}
