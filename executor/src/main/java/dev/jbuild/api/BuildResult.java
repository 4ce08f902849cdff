package dev.jbuild.api;

import java.util.List;
import java.util.Objects;

/**
 * What a build produced: the image manifest's digest (the image's identity, {@code sha256:...}),
 * its config's digest, and the references it was pushed to or stored under.
 */
public record BuildResult(String imageDigest, String configDigest, List<String> references, boolean pushed) {
  public BuildResult {
    Objects.requireNonNull(imageDigest, "imageDigest");
    Objects.requireNonNull(configDigest, "configDigest");
    references = List.copyOf(references);
  }
}
