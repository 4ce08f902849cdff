package dev.jbuild.executor.pipeline;

import dev.jbuild.core.plan.StagePlan;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which stages may reuse cached steps: all, unless {@code --no-cache} (none) or
 * {@code --no-cache-filter STAGE} (not those, matched case-insensitively by name or index).
 * Steps that run are recorded in the cache either way.
 */
record CachePolicy(boolean noCache, Set<String> noCacheStages) {
  CachePolicy {
    noCacheStages = noCacheStages.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  boolean allows(StagePlan stage) {
    if (noCache) {
      return false;
    }
    return !noCacheStages.contains(Integer.toString(stage.index()))
        && (stage.name() == null || !noCacheStages.contains(stage.name()));
  }
}
