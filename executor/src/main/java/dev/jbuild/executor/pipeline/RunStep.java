package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.semantics.RunEffect;
import dev.jbuild.core.semantics.RunMount;
import dev.jbuild.executor.sandbox.RunSpec;
import dev.jbuild.executor.sandbox.SandboxMount;
import dev.jbuild.executor.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * RUN: the command in the sandbox over the stage's layers, with its {@code --mount}s; its upper dir
 * becomes the layer.
 */
final class RunStep {
  /** How many output lines a failure shows. */
  static final int OUTPUT_TAIL = 20;

  private RunStep() {}

  static Optional<Layer> execute(BuildServices services, StageResult stage, RunEffect effect, int step, String location)
      throws BuildStepException, IOException, InterruptedException {
    CacheDirectory cache = services.cache();
    Path work = cache.newTemporaryDirectory("run");
    try {
      Path upper = Files.createDirectory(work.resolve("upper"));
      Path overlayWork = Files.createDirectory(work.resolve("work"));
      boolean networkNone = switch (effect.network()) {
        case NONE -> true;
        case HOST -> false;
        case DEFAULT -> services.networkNone();
      };
      List<CacheMounts.Lease> leases = new ArrayList<>();
      List<SandboxMount> mounts = new ArrayList<>();
      try {
        for (RunMount mount : effect.mounts()) {
          if (mount.type() == RunMount.Type.CACHE) {
            CacheMounts.Lease lease = CacheMounts.acquire(cache, mount);
            leases.add(lease);
            mounts.add(SandboxMount.bind(lease.directory(), mount.target(), mount.readOnly()));
          } else {
            mounts.add(SandboxMount.tmpfs(mount.target(), mount.sizeBytes()));
          }
        }
        RunSpec spec = new RunSpec(stage.lowerDirectories(), upper, overlayWork, effect.argv(), effect.env(),
            effect.user(), effect.workingDir(), services.hostname(), networkNone, mounts);
        run(services, spec, effect, step, location);
      } finally {
        for (CacheMounts.Lease lease : leases) {
          lease.close();
        }
      }
      return Snapshots.commit(cache, services.snapshotter(), upper, services.layerOptions());
    } finally {
      CacheDirectory.deleteRecursively(work);
    }
  }

  private static void run(BuildServices services, RunSpec spec, RunEffect effect, int step, String location)
      throws BuildStepException, InterruptedException {
    Deque<String> tail = new ArrayDeque<>();
    int exitCode;
    try {
      exitCode = services.sandbox().run(spec, line -> {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > OUTPUT_TAIL) {
            tail.removeFirst();
          }
        }
        services.listener().onEvent(new BuildEvent.StepOutput(step, line));
      });
    } catch (SandboxException e) {
      throw new BuildStepException(location, "RUN could not start: " + e.getMessage(), e);
    }
    if (exitCode != 0) {
      List<String> lines;
      synchronized (tail) {
        lines = new ArrayList<>(tail);
      }
      throw new BuildStepException(location, "RUN failed: process \"" + String.join(" ", effect.argv())
          + "\" did not complete successfully: exit code: " + exitCode, lines, null);
    }
  }
}
