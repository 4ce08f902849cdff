package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.cache.CacheKey;
import dev.jbuild.cache.CachedStep;
import dev.jbuild.core.image.Descriptor;
import dev.jbuild.executor.layers.LayerUnpackException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import dev.jbuild.core.image.ContainerConfig;
import dev.jbuild.core.image.HistoryEntry;
import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.core.plan.Base;
import dev.jbuild.core.plan.BuildPlan;
import dev.jbuild.core.plan.StagePlan;
import dev.jbuild.core.semantics.CopyEffect;
import dev.jbuild.core.semantics.Effect;
import dev.jbuild.core.semantics.InstructionException;
import dev.jbuild.core.semantics.MkdirEffect;
import dev.jbuild.core.semantics.RunEffect;
import dev.jbuild.core.semantics.RunMount;
import dev.jbuild.core.semantics.Semantics;
import dev.jbuild.core.semantics.StageState;
import dev.jbuild.core.semantics.StepOutcome;
import dev.jbuild.grammar.DockerfileParseException;
import dev.jbuild.grammar.DockerfileParser;
import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.registry.RegistryException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Runs the instructions of one stage, in order, on top of its base. */
final class StageRunner {
  private final BuildServices services;
  private final BuildPlan plan;

  StageRunner(BuildServices services, BuildPlan plan) {
    this.services = services;
    this.plan = plan;
  }

  /**
   * Builds {@code stage}; every stage it depends on is in {@code finished}.
   *
   * @throws BuildStepException naming the Dockerfile line of the instruction that failed
   */
  StageResult run(StagePlan stage, Map<Integer, StageResult> finished) throws BuildStepException, InterruptedException {
    String fromLocation = location(stage.from());
    StageResult base = base(stage, finished, fromLocation);
    List<Instruction> instructions = new ArrayList<>(onbuildTriggers(base.config(), fromLocation));
    instructions.addAll(stage.instructions());
    ImageConfig startConfig = base.config().withConfig(base.config().config().withOnBuild(List.of()));

    StageState state = StageState.start(startConfig, plan.escape());
    List<Layer> layers = new ArrayList<>(base.layers());
    CacheKey key = base.key();
    boolean useCache = services.cachePolicy().allows(stage);
    int position = 0;
    for (Instruction instruction : instructions) {
      position++;
      int step = services.stepNumbers().incrementAndGet();
      String location = location(instruction);
      long started = System.nanoTime();
      services.listener().onEvent(new BuildEvent.StepStarted(step, stage.displayName(), position, instructions.size(),
          instruction.text()));
      try {
        StepOutcome outcome = Semantics.apply(state, instruction, plan.arguments());
        Optional<Layer> layer = Optional.empty();
        boolean cached = false;
        Instant stepTime = null;
        if (outcome.effect().isPresent()) {
          Effect effect = outcome.effect().get();
          CopyStep.Origin origin = origin(effect, finished, location);
          Map<String, StageResult> mountSources = mountSources(effect, finished, location);
          CacheKey previous = key;
          // A linked COPY's layer does not depend on the layers below it, so neither does its key.
          key = StepKeys.next(isLink(effect) ? CacheKey.scratch("link") : key, effect, origin, mountSources, services);
          Optional<CachedStep> hit = useCache ? services.stepCache().lookup(key) : Optional.empty();
          if (hit.isEmpty() && useCache) {
            hit = services.registryCache().lookup(key);
            if (hit.isPresent()) {
              services.stepCache().record(key, hit.get());
            }
          }
          if (hit.isPresent()) {
            cached = true;
            layer = fromCache(hit.get());
            stepTime = hit.get().created();
            services.registryCache().remember(key, hit.get());
            services.listener().onEvent(new BuildEvent.StepCached(step));
          } else {
            StageResult current = new StageResult(outcome.state().image(), layers, key);
            layer = execute(effect, current, origin, mountSources, step, location);
            stepTime = layer.map(Layer::created).orElse(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            CachedStep made = new CachedStep(layer.map(Layer::blob).orElse(null), layer.map(Layer::diffId).orElse(null),
                stepTime);
            services.stepCache().record(key, made);
            services.registryCache().remember(key, made);
          }
          // What the step produced joins the chain: a step that ran again (--no-cache, an
          // evicted entry) and made different content invalidates what follows, in this stage
          // and in every stage that builds on it or copies from it.
          if (isLink(effect)) {
            key = previous.then("linked " + key, new java.util.TreeMap<>(), null);
          }
          key = key.then("result", new java.util.TreeMap<>(), layer.map(Layer::diffId).orElse(null));
        }
        // Steps that made a layer carry the layer's time (kept in the cache); the others get
        // theirs when the image is exported (see ImageExport), as BuildKit fills them in.
        HistoryEntry entry = new HistoryEntry(layer.isPresent() ? stepTime : null, outcome.createdBy(), null,
            Semantics.HISTORY_COMMENT, layer.isEmpty());
        ImageConfig image = outcome.state().image();
        if (layer.isPresent()) {
          layers.add(layer.get());
          image = image.withLayer(layer.get().diffId(), entry);
        } else {
          image = image.withEmptyLayerHistory(entry);
        }
        state = outcome.state().withImage(image);
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        services.steps().add(new StepRecord(stage.displayName(), instruction.text(), cached, duration));
        if (!cached) {
          services.listener().onEvent(new BuildEvent.StepFinished(step, duration));
        }
      } catch (InstructionException e) {
        fail(step, started, location + ": " + e.problem());
        throw new BuildStepException(location, e.problem(), e);
      } catch (BuildStepException e) {
        fail(step, started, e.getMessage());
        throw e;
      } catch (IOException | RegistryException e) {
        fail(step, started, e.getMessage());
        throw new BuildStepException(location, instruction.keyword() + " failed: " + e.getMessage(), e);
      }
    }
    return new StageResult(state.image(), layers, key);
  }

  private static boolean isLink(Effect effect) {
    return effect instanceof CopyEffect copy && copy.link();
  }

  /** A cached layer, unpacked again if its directory was pruned while its blob was kept. */
  private Optional<Layer> fromCache(CachedStep hit) throws IOException, InterruptedException {
    if (hit.isEmpty()) {
      return Optional.empty();
    }
    Descriptor blob = hit.layer();
    CacheDirectory cache = services.cache();
    if (!cache.hasLayer(hit.diffId())) {
      Path work = cache.newTemporaryDirectory("unpack");
      try {
        Path target = work.resolve("layer");
        services.unpacker().unpack(cache.blobPath(blob.digest()), target, "cached layer " + blob.digest());
        cache.commitLayer(target, hit.diffId());
      } catch (LayerUnpackException e) {
        throw new IOException(e.getMessage(), e);
      } finally {
        CacheDirectory.deleteRecursively(work);
      }
    }
    cache.markUsed(hit.diffId());
    return Optional.of(new Layer(blob, hit.diffId(), cache.layerPath(hit.diffId()), null, hit.created()));
  }

  private void fail(int step, long started, String message) {
    services.listener().onEvent(new BuildEvent.StepFailed(step, Duration.ofNanos(System.nanoTime() - started), message));
  }

  private Optional<Layer> execute(Effect effect, StageResult current, CopyStep.Origin origin,
      Map<String, StageResult> mountSources, int step, String location)
      throws BuildStepException, IOException, InterruptedException {
    if (effect instanceof RunEffect run) {
      return RunStep.execute(services, current, run, mountSources, step, location);
    }
    if (effect instanceof MkdirEffect mkdir) {
      return MkdirStep.execute(services, current, mkdir);
    }
    return CopyStep.execute(services, current, (CopyEffect) effect, origin);
  }

  /** Where a COPY/ADD --from takes its files: another stage's result or an image; null otherwise. */
  private CopyStep.Origin origin(Effect effect, Map<Integer, StageResult> finished, String location)
      throws BuildStepException, IOException, RegistryException {
    if (!(effect instanceof CopyEffect copy)) {
      return null;
    }
    if (copy.from() == null) {
      return null;
    }
    OptionalInt index = plan.stageNamed(copy.from());
    return new CopyStep.Origin(source(copy.from(), finished, location),
        index.isPresent() ? "stage " + copy.from() : parseReference(copy.from(), location).familiar());
  }

  /** The stages and images a RUN's bind mounts take files from, by their from= as written. */
  private Map<String, StageResult> mountSources(Effect effect, Map<Integer, StageResult> finished, String location)
      throws BuildStepException, IOException, RegistryException {
    Map<String, StageResult> sources = new java.util.TreeMap<>();
    if (effect instanceof RunEffect run) {
      for (RunMount mount : run.mounts()) {
        if (mount.from() != null && !sources.containsKey(mount.from())) {
          sources.put(mount.from(), source(mount.from(), finished, location));
        }
      }
    }
    return sources;
  }

  /** A finished stage (by name or index) or, failing that, an image, loaded as a base is. */
  private StageResult source(String from, Map<Integer, StageResult> finished, String location)
      throws BuildStepException, IOException, RegistryException {
    OptionalInt index = plan.stageNamed(from);
    if (index.isPresent()) {
      StageResult source = finished.get(index.getAsInt());
      if (source == null) {
        throw new IllegalStateException("stage " + from + " was not built before its use");
      }
      return source;
    }
    return services.bases().load(parseReference(from, location), services.platform(), services.pull());
  }

  private StageResult base(StagePlan stage, Map<Integer, StageResult> finished, String location)
      throws BuildStepException {
    Base base = stage.base();
    if (base instanceof Base.Scratch) {
      return new StageResult(Semantics.scratchConfig(services.platform()), List.of(),
          CacheKey.scratch(services.platform().toString()));
    }
    if (base instanceof Base.Stage parent) {
      return finished.get(parent.index());
    }
    Base.Image image = (Base.Image) base;
    Platform platform = services.platform();
    if (image.platform() != null && !image.platform().isEmpty()) {
      try {
        platform = Platform.parse(image.platform());
      } catch (IllegalArgumentException e) {
        throw new BuildStepException(location, e.getMessage(), e);
      }
    }
    try {
      StageResult loaded = services.bases().load(image.reference(), platform, services.pull());
      // A base image without ENV PATH still gets docker's default PATH for its RUN steps (Environment).
      return loaded;
    } catch (RegistryException e) {
      throw new BuildStepException(location, e.getMessage(), e);
    } catch (IOException e) {
      throw new BuildStepException(location, "failed to load " + image.reference().familiar() + ": " + e.getMessage(), e);
    }
  }

  /** ONBUILD triggers of the base run first, as if written right after FROM. */
  private List<Instruction> onbuildTriggers(ImageConfig base, String location) throws BuildStepException {
    ContainerConfig config = base.config();
    List<Instruction> triggers = new ArrayList<>();
    for (String trigger : config.onBuild()) {
      try {
        triggers.addAll(DockerfileParser.parse(trigger, plan.fileName()).instructions());
      } catch (DockerfileParseException e) {
        throw new BuildStepException(location, "invalid ONBUILD trigger in base image: " + trigger + ": " + e.problem(), e);
      }
    }
    return triggers;
  }

  private ImageReference parseReference(String text, String location) throws BuildStepException {
    try {
      return ImageReference.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BuildStepException(location, e.getMessage(), e);
    }
  }

  private String location(Instruction instruction) {
    return plan.fileName() + ":" + instruction.range().startLine();
  }
}
