package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildRequest;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.core.semantics.RunEffect;
import dev.jbuild.core.semantics.RunMount;
import dev.jbuild.executor.context.BuildContext;
import dev.jbuild.executor.copy.LayerTree;
import dev.jbuild.executor.layers.LayerStack;
import dev.jbuild.executor.linux.Linux;
import dev.jbuild.executor.copy.Ownership;
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
import java.util.Map;
import java.util.Optional;

/**
 * RUN: the command in the sandbox over the stage's layers, with its {@code --mount}s; its upper dir
 * becomes the layer.
 */
final class RunStep {
  /** How many output lines a failure shows. */
  static final int OUTPUT_TAIL = 20;

  private RunStep() {}

  static Optional<Layer> execute(BuildServices services, StageResult stage, RunEffect effect,
      Map<String, StageResult> mountSources, int step, String location)
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
      String sshSocket = null;
      try {
        for (RunMount mount : effect.mounts()) {
          Optional<SandboxMount> made =
              sandboxMount(services, mount, mountSources, work.resolve("mount-" + mounts.size()), leases, location);
          made.ifPresent(mounts::add);
          if (made.isPresent() && mount.type() == RunMount.Type.SSH && sshSocket == null) {
            sshSocket = mount.target();
          }
        }
        List<String> env = effect.env();
        if (sshSocket != null && env.stream().noneMatch(entry -> entry.startsWith("SSH_AUTH_SOCK="))) {
          env = new ArrayList<>(env);
          env.add("SSH_AUTH_SOCK=" + sshSocket); // as BuildKit sets it for the first agent
        }
        RunSpec spec = new RunSpec(stage.lowerDirectories(), upper, overlayWork, effect.argv(), env,
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

  /**
   * What {@code mount} puts in the sandbox; empty for an optional secret or SSH agent the build
   * was not given. Cache mounts are leased into {@code leases}, for the caller to give back.
   */
  private static Optional<SandboxMount> sandboxMount(BuildServices services, RunMount mount,
      Map<String, StageResult> mountSources, Path scratch, List<CacheMounts.Lease> leases, String location)
      throws BuildStepException, IOException, InterruptedException {
    switch (mount.type()) {
      case BIND -> {
        if (mount.from() == null) {
          contextCopy(services.context(), mount.source(), scratch);
        } else {
          stageCopy(mountSources.get(mount.from()), mount, scratch);
        }
        return Optional.of(SandboxMount.bind(scratch, mount.target(), mount.readOnly()));
      }
      case CACHE -> {
        CacheMounts.Lease lease = CacheMounts.acquire(services.cache(), mount);
        leases.add(lease);
        return Optional.of(SandboxMount.bind(lease.directory(), mount.target(), mount.readOnly()));
      }
      case TMPFS -> {
        return Optional.of(SandboxMount.tmpfs(mount.target(), mount.sizeBytes()));
      }
      case SECRET -> {
        BuildRequest.Secret secret = services.secrets().get(mount.id());
        if (secret == null) {
          requireOptional(mount, location, "secret " + mount.id(), "--secret id=" + mount.id() + ",src=FILE");
          return Optional.empty();
        }
        return Optional.of(SandboxMount.bind(secretFile(secret, mount, scratch), mount.target(), true));
      }
      case SSH -> {
        Path socket = services.sshAgents().get(mount.id());
        if (socket == null) {
          requireOptional(mount, location, "ssh agent " + mount.id(), "--ssh " + mount.id() + "=SOCKET");
          return Optional.empty();
        }
        // The agent's socket as it is (its owner and mode are the host's: for root steps).
        return Optional.of(SandboxMount.bind(socket, mount.target(), false));
      }
      default -> throw new IllegalStateException("unknown mount type " + mount.type());
    }
  }

  /** A secret or agent the build was not given is left out, as in BuildKit, unless {@code required}. */
  private static void requireOptional(RunMount mount, String location, String what, String flag)
      throws BuildStepException {
    if (mount.required()) {
      throw new BuildStepException(location, what + " is required but was not given (" + flag + ")", null);
    }
  }

  /**
   * A private copy of context path {@code source} (.dockerignore applied, owned by root, as the
   * context BuildKit mounts) at {@code copy}: a bind mount sees exactly the files its cache key
   * counted, and an {@code rw} one writes into a copy that is thrown away.
   */
  private static void contextCopy(BuildContext context, String source, Path copy) throws IOException {
    List<BuildContext.ContextEntry> entries = context.resolve(source);
    if (entries.size() != 1) {
      throw new IOException("--mount source=" + source + " matches " + entries.size() + " paths of the context; name one");
    }
    LayerTree tree = new LayerTree(copy.getParent(), path -> Optional.empty());
    tree.copy(entries.get(0).path(), copy, new LayerTree.CopyOptions(Ownership.ROOT, null, CopyStep.contextFilter(context)));
  }

  /**
   * A copy of {@code mount.source()} from another stage's or image's files (owners and modes
   * kept). Read-only mounts hard-link the unchanged files of cached layers, which the read-only
   * mount protects; a read-write one gets real copies, thrown away afterwards.
   */
  private static void stageCopy(StageResult source, RunMount mount, Path copy) throws IOException {
    LayerStack stack = new LayerStack(source.lowerDirectories());
    String imagePath = "/" + (mount.source().equals(".") ? "" : mount.source());
    LayerStack.Entry entry = stack.lookup(imagePath, true)
        .orElseThrow(() -> new IOException("--mount source " + imagePath + " not found in " + mount.from()));
    LayerTree tree = new LayerTree(copy.getParent(), path -> Optional.empty());
    LayerTree.CopyOptions options = LayerTree.CopyOptions.of(null, null);
    tree.copyMerged(stack, entry, copy, mount.readOnly() ? options.linkingLayerFiles() : options, relative -> false);
  }

  /** The secret as a file only the step's user can read, in the step's scratch space (deleted after it). */
  private static Path secretFile(BuildRequest.Secret secret, RunMount mount, Path file) throws IOException {
    Files.write(file, secret.value());
    Linux.changeOwner(file, mount.uid(), mount.gid());
    Linux.changeMode(file, mount.mode());
    return file;
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
