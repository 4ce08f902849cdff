package dev.jbuild.executor.pipeline;

import dev.jbuild.cache.CacheKey;
import dev.jbuild.core.semantics.BuildArguments;
import dev.jbuild.core.semantics.CopyEffect;
import dev.jbuild.core.semantics.Effect;
import dev.jbuild.core.semantics.MkdirEffect;
import dev.jbuild.core.semantics.RunEffect;
import dev.jbuild.core.semantics.RunMount;
import dev.jbuild.executor.context.SourceDigests;
import dev.jbuild.grammar.ast.Heredoc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The cache key of a step with an effect: the previous key, the effect as it will run (after
 * expansion, flags included), the environment it sees, and for COPY/ADD what it copies.
 * Metadata-only instructions (ENV, USER, LABEL...) have no key of their own: they matter to the
 * cache exactly where they change what a later effect does (its env, user, working directory).
 */
final class StepKeys {
  private StepKeys() {}

  static CacheKey next(CacheKey previous, Effect effect, CopyStep.Origin origin, Map<String, StageResult> mountSources,
      BuildServices services) throws IOException {
    // Layers made under SOURCE_DATE_EPOCH differ (clamped times) from layers made without it.
    CacheKey base = services.sourceDateEpoch().isPresent()
        ? previous.then("source-date-epoch " + services.sourceDateEpoch().get(), new TreeMap<>(), null)
        : previous;
    return describe(base, effect, origin, mountSources, services);
  }

  private static CacheKey describe(CacheKey previous, Effect effect, CopyStep.Origin origin,
      Map<String, StageResult> mountSources, BuildServices services) throws IOException {
    if (effect instanceof RunEffect run) {
      boolean networkNone = switch (run.network()) {
        case NONE -> true;
        case HOST -> false;
        case DEFAULT -> services.networkNone();
      };
      String description = "RUN " + run.argv() + " user=" + run.user() + " workdir=" + run.workingDir()
          + " network=" + (networkNone ? "none" : "host")
          // What is mounted; of the contents only bound context files count, as in BuildKit (a cache
          // mount's files never make a key).
          + (run.mounts().isEmpty() ? "" : " mounts=" + run.mounts())
          // Another stage's or image's files: its key stands for its whole content, as for COPY --from.
          + (mountSources.isEmpty() ? "" : " mount-sources=" + mountSources.entrySet().stream()
              .map(source -> source.getKey() + ":" + source.getValue().key()).toList());
      List<String> bound = run.mounts().stream()
          .filter(mount -> mount.type() == RunMount.Type.BIND && mount.from() == null).map(RunMount::source).toList();
      return previous.then(description, environment(run.env()),
          bound.isEmpty() ? null : SourceDigests.ofContext(services.context(), bound, services.fileDigests()));
    }
    if (effect instanceof MkdirEffect mkdir) {
      return previous.then("WORKDIR mkdir " + mkdir.path() + " user=" + mkdir.user(), new TreeMap<>(), null);
    }
    CopyEffect copy = (CopyEffect) effect;
    StringBuilder description = new StringBuilder(copy.add() ? "ADD" : "COPY");
    description.append(" sources=").append(copy.sources()).append(" dest=").append(copy.destination())
        .append(" chown=").append(copy.chown()).append(" chmod=").append(copy.chmod())
        .append(" link=").append(copy.link()).append(" parents=").append(copy.parents())
        .append(" exclude=").append(copy.excludes()).append(" checksum=").append(copy.checksum())
        .append(" user=").append(copy.user());
    for (Heredoc heredoc : copy.heredocs()) {
      description.append(" heredoc=").append(heredoc.name()).append(':').append(heredoc.content());
    }
    if (origin != null) {
      // Another stage's or image's files: its key stands for its whole content.
      description.append(" from=").append(origin.stage().key());
      return previous.then(description.toString(), new TreeMap<>(), null);
    }
    List<String> contextSources = new ArrayList<>();
    for (String source : copy.sources()) {
      if (CopyStep.isUrl(source)) {
        if (copy.checksum() == null) {
          // Without --checksum a URL's content is unknown until fetched: never reuse.
          description.append(" url-nonce=").append(UUID.randomUUID());
        }
      } else {
        contextSources.add(source);
      }
    }
    return previous.then(description.toString(), new TreeMap<>(),
        SourceDigests.ofContext(services.context(), contextSources, services.fileDigests()));
  }

  /** A RUN's environment for its key: everything but the proxy variables, which BuildKit also leaves out. */
  private static SortedMap<String, String> environment(List<String> env) {
    SortedMap<String, String> variables = new TreeMap<>();
    for (String entry : env) {
      int equals = entry.indexOf('=');
      String name = equals < 0 ? entry : entry.substring(0, equals);
      if (!BuildArguments.PROXY_ARGS.contains(name)) {
        variables.put(name, equals < 0 ? "" : entry.substring(equals + 1));
      }
    }
    return variables;
  }
}
