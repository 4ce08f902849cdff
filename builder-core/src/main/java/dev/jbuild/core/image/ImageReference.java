package dev.jbuild.core.image;

import dev.jbuild.core.digest.Digest;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A normalised image reference, as docker normalises it: {@code busybox} is
 * {@code docker.io/library/busybox:latest}; a first component with a dot, a colon or named
 * {@code localhost} is a registry host. A reference may carry a tag, a digest, or both (the
 * digest wins when pulling).
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException("invalid repository name (must be lowercase): " + repository);
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("invalid tag: " + tag);
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
  }

  /**
   * Parses and normalises {@code text}.
   *
   * @throws IllegalArgumentException naming the reference when it is not valid
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty image reference");
    }
    String rest = text;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      try {
        digest = Digest.parse(rest.substring(at + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid digest in image reference: " + text, e);
      }
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        repository = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    try {
      return new ImageReference(registry, repository, tag, digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid reference format: " + text + " (" + e.getMessage() + ")", e);
    }
  }

  /** The tag or digest to ask the registry for: the digest when there is one. */
  public String qualifier() {
    return digest != null ? digest.toString() : tag;
  }

  public ImageReference withTag(String value) {
    return new ImageReference(registry, repository, value, null);
  }

  public ImageReference withDigest(Digest value) {
    return new ImageReference(registry, repository, tag, value);
  }

  public ImageReference withRegistry(String value) {
    return new ImageReference(value, repository, tag, digest);
  }

  /** The fully qualified form, e.g. {@code docker.io/library/busybox:latest}. */
  @Override
  public String toString() {
    return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  /** The short form docker prints: {@code busybox:latest}, {@code 127.0.0.1:5000/app:1}. */
  public String familiar() {
    String name = registry.equals(DOCKER_HUB)
        ? (repository.startsWith("library/") ? repository.substring("library/".length()) : repository)
        : registry + "/" + repository;
    return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
