package dev.jbuild.executor.pipeline;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildListener;
import dev.jbuild.api.BuildRequest;
import dev.jbuild.api.BuildResult;
import dev.jbuild.cache.CacheDirectory;
import dev.jbuild.cache.CachePruner;
import dev.jbuild.cache.FileDigestCache;
import dev.jbuild.cache.StepCache;
import dev.jbuild.core.digest.Digest;
import dev.jbuild.core.image.ImageReference;
import dev.jbuild.core.image.Platform;
import dev.jbuild.core.plan.BuildPlan;
import dev.jbuild.core.plan.BuildPlanException;
import dev.jbuild.core.plan.BuildPlanner;
import dev.jbuild.core.tar.LayerWriter;
import dev.jbuild.executor.context.BuildContext;
import dev.jbuild.executor.export.Exporters;
import dev.jbuild.executor.export.OutputSpec;
import dev.jbuild.executor.layers.LayerUnpacker;
import dev.jbuild.executor.layers.Snapshotter;
import dev.jbuild.executor.sandbox.NamespaceSandbox;
import dev.jbuild.grammar.Dockerfile;
import dev.jbuild.grammar.DockerfileParseException;
import dev.jbuild.grammar.DockerfileParser;
import dev.jbuild.registry.JibRegistryClient;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.RegistrySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One build, from request to result: read and plan the Dockerfile, run the stages the target
 * needs, export. Turns every failure into a {@link BuildException} with a one-line message.
 */
public final class BuildPipeline {
  private final BuildRequest request;
  private final BuildListener listener;
  /** The Dockerfile as parsed, for the excerpt under a failed step's message. */
  private String dockerfileText = "";

  public BuildPipeline(BuildRequest request, BuildListener listener) {
    this.request = request;
    this.listener = listener;
  }

  public BuildResult run() throws BuildException, InterruptedException {
    Path dockerfilePath = request.dockerfile() != null
        ? request.dockerfile()
        : request.contextDirectory().resolve("Dockerfile");
    String fileName = request.dockerfileText() != null ? "Dockerfile" : dockerfilePath.getFileName().toString();
    Dockerfile dockerfile = parse(dockerfilePath, fileName);
    Platform platform = platform();
    BuildPlan plan;
    try {
      plan = BuildPlanner.plan(dockerfile, request.buildArgs(), request.target(), platform);
    } catch (BuildPlanException e) {
      throw new BuildException(e.getMessage(), e);
    }
    List<ImageReference> tags = tags();
    if (request.push() && tags.isEmpty()) {
      throw new BuildException("--push needs at least one -t/--tag to push to");
    }

    CacheDirectory cache;
    BuildContext context;
    try {
      cache = CacheDirectory.open(request.cacheDirectory() != null ? request.cacheDirectory() : CacheDirectory.defaultRoot());
      context = BuildContext.open(request.contextDirectory(), request.dockerfileText() != null ? null : dockerfilePath);
    } catch (IOException e) {
      throw new BuildException(e.getMessage(), e);
    }
    BuildResult result;
    try (CacheDirectory.Lock lock = cache.lockShared()) {
      result = build(plan, tags, cache, context, platform);
    } catch (IOException e) {
      throw new BuildException("cache " + cache.root() + ": " + e.getMessage(), e);
    }
    if (request.cacheSizeLimit() > 0) {
      // The configured size limit: least recently used entries go once the build is done.
      try {
        new CachePruner(cache).prune(request.cacheSizeLimit(), null);
      } catch (IOException e) {
        listener.onEvent(new BuildEvent.Activity("could not trim the cache to its size limit: " + e.getMessage()));
      }
    }
    return result;
  }

  private BuildResult build(BuildPlan plan, List<ImageReference> tags, CacheDirectory cache, BuildContext context,
      Platform platform) throws BuildException, InterruptedException, IOException {
    List<OutputSpec> outputs = outputs();
    if (outputs.stream().anyMatch(output -> output.type().equals("registry")) && tags.isEmpty()) {
      throw new BuildException("--output type=registry needs at least one -t/--tag to push to");
    }
    ExecutorService transfers = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2),
        runnable -> {
          Thread thread = new Thread(runnable, "jbuild-transfer");
          thread.setDaemon(true);
          return thread;
        });
    // Created on first use: a build whose bases are all in the local store and that does not
    // push never pays for the registry client's start-up.
    LazyRegistry registry = new LazyRegistry(() -> new JibRegistryClient(
        new RegistrySettings(request.registryMirrors(), request.insecureRegistries(), request.authFile(),
            request.registryCas(), null, null), message -> {}));
    FileDigestCache fileDigests = FileDigestCache.open(cache);
    try {
      LayerUnpacker unpacker = new LayerUnpacker();
      BaseImages bases = new BaseImages(cache, registry, transfers, listener, unpacker);
      Path state = Files.createDirectories(cache.root().resolve("state"));
      BuildServices services = new BuildServices(cache, new NamespaceSandbox(state), unpacker,
          new Snapshotter(), bases, context, listener, platform,
          request.network().equalsIgnoreCase("none"), request.pull(),
          "jbuild-" + UUID.randomUUID().toString().substring(0, 8), sourceDateEpoch(request), compression(outputs),
          compressionLevel(outputs),
          new AtomicInteger(),
          new StepCache(cache), fileDigests, new CachePolicy(request.noCache(), request.noCacheStages()),
          new RegistryCache(cache, registry, references(request.cacheFrom()),
              request.cacheTo() == null ? null : reference(request.cacheTo()), platform, listener),
          Collections.synchronizedList(new ArrayList<>()), request.secrets(), request.sshAgents());
      StageRunner runner = new StageRunner(services, plan);
      Map<Integer, StageResult> finished = StageScheduler.run(plan, runner::run, jobs());
      StageResult target = finished.get(plan.target());
      ImageExport.Exported image = ImageExport.store(cache, target, services.sourceDateEpoch(),
          ImageExport.ManifestFormat.of(request.format()), request.labels(), request.annotations());
      List<String> references = new ArrayList<>();
      for (ImageReference tag : tags) {
        cache.writeRef("images/" + tag, image.manifestDigest().toString());
        references.add(tag.familiar());
      }
      boolean push = request.push() || outputs.stream().anyMatch(output -> output.type().equals("registry"));
      if (push) {
        Digest pushed = ImageExport.push(services, registry.get(), target, image, tags);
        listener.onEvent(new BuildEvent.Activity("pushed " + String.join(", ", references) + " " + pushed));
      }
      for (OutputSpec output : outputs) {
        if (!output.type().equals("registry") && !output.type().equals("image")) {
          listener.onEvent(new BuildEvent.Activity("exporting to " + output.type() + " " + output.destination()));
          new Exporters(cache, services.snapshotter()).export(output, ImageExport.files(cache, image), tags,
              target.lowerDirectories());
        }
      }
      services.registryCache().export();
      List<BuildResult.Step> steps = new ArrayList<>();
      synchronized (services.steps()) {
        services.steps().forEach(step -> steps.add(
            new BuildResult.Step(step.stage(), step.instruction(), step.cached(), step.duration())));
      }
      BuildResult result = new BuildResult(image.manifestDigest().toString(), image.configDigest().toString(),
          references, push, steps);
      if (request.metadataFile() != null) {
        BuildMetadata.write(request.metadataFile(), result);
      }
      return result;
    } catch (BuildStepException e) {
      throw new BuildException(e.getMessage(), SourceExcerpt.details(dockerfileText, e.location(), e.outputTail()), e);
    } catch (RegistryException e) {
      throw new BuildException(e.getMessage(), e);
    } catch (IOException e) {
      throw new BuildException("export failed: " + e.getMessage(), e);
    } finally {
      transfers.shutdownNow();
      registry.close();
      fileDigests.save();
    }
  }

  private Dockerfile parse(Path dockerfilePath, String fileName) throws BuildException {
    String text;
    if (request.dockerfileText() != null) {
      text = request.dockerfileText();
    } else {
      try {
        text = Files.readString(dockerfilePath);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new BuildException("failed to read Dockerfile: " + dockerfilePath + ": no such file", e);
      } catch (IOException e) {
        throw new BuildException("failed to read Dockerfile " + dockerfilePath + ": " + e.getMessage(), e);
      }
    }
    dockerfileText = text;
    try {
      return DockerfileParser.parse(text, fileName);
    } catch (DockerfileParseException e) {
      throw new BuildException(e.getMessage(), e.excerptLines(), e);
    }
  }

  private Platform platform() throws BuildException {
    if (request.platform() == null || request.platform().isEmpty()) {
      return Platform.host();
    }
    try {
      return Platform.parse(request.platform());
    } catch (IllegalArgumentException e) {
      throw new BuildException(e.getMessage(), e);
    }
  }

  /** A {@code --cache-from/--cache-to} reference; without a tag it means {@code :buildcache}, as BuildKit's examples. */
  private static ImageReference reference(String text) throws BuildException {
    try {
      ImageReference reference = ImageReference.parse(text);
      boolean tagged = text.substring(text.lastIndexOf('/') + 1).contains(":") || text.contains("@");
      return tagged ? reference : reference.withTag("buildcache");
    } catch (IllegalArgumentException e) {
      throw new BuildException("invalid cache reference \"" + text + "\": " + e.getMessage(), e);
    }
  }

  private static List<ImageReference> references(List<String> texts) throws BuildException {
    List<ImageReference> references = new ArrayList<>();
    for (String text : texts) {
      references.add(reference(text));
    }
    return references;
  }

  private List<ImageReference> tags() throws BuildException {
    List<ImageReference> tags = new ArrayList<>();
    for (String tag : request.tags()) {
      try {
        tags.add(ImageReference.parse(tag));
      } catch (IllegalArgumentException e) {
        throw new BuildException("invalid tag \"" + tag + "\": " + e.getMessage(), e);
      }
    }
    return tags;
  }

  /** How many stages may run at once: {@code --jobs}, by default the number of cores. */
  private int jobs() {
    return request.jobs() > 0 ? request.jobs() : Runtime.getRuntime().availableProcessors();
  }

  /**
   * {@code --timestamp} or else {@code SOURCE_DATE_EPOCH}, when set, fixes every time in the
   * image, as in BuildKit: history, the image's creation time, and file times in new layers.
   */
  private static Optional<Instant> sourceDateEpoch(BuildRequest request) throws BuildException {
    String epoch = request.timestamp() != null ? request.timestamp() : System.getenv("SOURCE_DATE_EPOCH");
    if (epoch == null || epoch.isEmpty()) {
      return Optional.empty();
    }
    if (epoch.matches("[0-9]+")) {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(epoch)));
    }
    try {
      return Optional.of(java.time.OffsetDateTime.parse(epoch).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      throw new BuildException("invalid timestamp " + epoch + ": use seconds since 1970 or RFC 3339", e);
    }
  }

  /** The layer compression the outputs ask for (BuildKit's compression=), else gzip. */
  private String compression(List<OutputSpec> outputs) throws BuildException {
    String compression = agreed(outputs, OutputSpec::compression, "compressions").orElse("gzip");
    if (!compression.equals("gzip") && request.format().equals("docker")) {
      throw new BuildException("--format docker has gzip layers only; compression=" + compression + " needs --format oci");
    }
    return compression;
  }

  /** The level the outputs ask for (BuildKit's compression-level), else the default of the compression. */
  private int compressionLevel(List<OutputSpec> outputs) throws BuildException {
    Optional<Integer> level = agreed(outputs, OutputSpec::compressionLevel, "compression levels");
    if (level.isPresent()) {
      return level.get();
    }
    return compression(outputs).equals("zstd") ? LayerWriter.DEFAULT_ZSTD_LEVEL : LayerWriter.DEFAULT_COMPRESSION_LEVEL;
  }

  /**
   * The one value the outputs that give {@code attribute} agree on. Layers are compressed once,
   * when they are made, so one build has one compression and one level.
   */
  private static <T extends Comparable<T>> Optional<T> agreed(List<OutputSpec> outputs,
      java.util.function.Function<OutputSpec, Optional<T>> attribute, String what) throws BuildException {
    Set<T> values = new TreeSet<>();
    for (OutputSpec output : outputs) {
      attribute.apply(output).ifPresent(values::add);
    }
    if (values.size() > 1) {
      throw new BuildException("the outputs ask for different " + what + " " + values + ": give one");
    }
    return values.stream().findFirst();
  }

  private List<OutputSpec> outputs() throws BuildException {
    List<OutputSpec> outputs = new ArrayList<>();
    for (String output : request.outputs()) {
      try {
        outputs.add(OutputSpec.parse(output));
      } catch (IllegalArgumentException e) {
        throw new BuildException(e.getMessage(), e);
      }
    }
    return outputs;
  }

  /** A registry client made on first use and closed with the build. Thread-safe. */
  private static final class LazyRegistry implements Supplier<RegistryClient> {
    private final Supplier<RegistryClient> factory;
    private RegistryClient client;

    LazyRegistry(Supplier<RegistryClient> factory) {
      this.factory = factory;
    }

    @Override
    public synchronized RegistryClient get() {
      if (client == null) {
        client = factory.get();
      }
      return client;
    }

    synchronized void close() {
      if (client != null) {
        client.close();
      }
    }
  }
}
