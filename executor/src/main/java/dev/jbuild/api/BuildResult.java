package dev.jbuild.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a build produced: the image manifest's digest (the image's identity, {@code sha256:...}),
 * its config's digest, the references it was pushed to or stored under, and how each step went.
 */
public record BuildResult(String imageDigest, String configDigest, List<String> references, boolean pushed,
    List<Step> steps) {
  public BuildResult {
    Objects.requireNonNull(imageDigest, "imageDigest");
    Objects.requireNonNull(configDigest, "configDigest");
    references = List.copyOf(references);
    steps = List.copyOf(steps);
  }

  /** One step: its stage, its instruction as written, whether the cache had it, how long it took. */
  public record Step(String stage, String instruction, boolean cached, Duration duration) {}

  /** How many steps came from the cache. */
  public long cachedSteps() {
    return steps.stream().filter(Step::cached).count();
  }
}
