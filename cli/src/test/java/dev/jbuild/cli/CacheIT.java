package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer cache as a user sees it: which steps print CACHED on a rebuild, and the image that
 * comes out. Each test has its own cache directory.
 */
class CacheIT {
  private static final String BUSYBOX = TestBed.REGISTRY + "/library/busybox";
  private static final Pattern STEP = Pattern.compile("^#(\\d+) \\[(\\S+) (\\d+)/\\d+\\] (.*)$");

  @TempDir
  Path cache;

  @TempDir
  Path context;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  @BeforeEach
  void twoStageProject() throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %1$s AS builder
        ARG FLAVOUR=plain
        COPY src/ /src/
        RUN cat /src/*.txt > /artifact && echo "$FLAVOUR" >> /artifact
        FROM %1$s
        COPY --from=builder /artifact /artifact
        COPY static.txt /static.txt
        RUN cat /artifact /static.txt > /combined
        CMD ["cat", "/combined"]
        """.formatted(BUSYBOX));
    Files.createDirectories(context.resolve("src"));
    Files.writeString(context.resolve("src/a.txt"), "alpha\n");
    Files.writeString(context.resolve("src/b.txt"), "beta\n");
    Files.writeString(context.resolve("static.txt"), "static\n");
  }

  /** A build: its exit, its digest, and for each instruction whether it printed CACHED. */
  private record Build(ProcessResult result, String digest, Map<String, Boolean> cached) {}

  private Build build(String... flags) {
    List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--cache-dir", cache.toString()));
    args.addAll(List.of(flags));
    args.add(context.toString());
    ProcessResult result = Jbuild.run(context, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.describe()).isZero();
    Map<String, String> instructionOfStep = new java.util.HashMap<>();
    Map<String, Boolean> cached = new java.util.LinkedHashMap<>();
    for (String line : result.stderr().lines().toList()) {
      Matcher step = STEP.matcher(line);
      if (step.matches()) {
        String name = step.group(2) + " " + step.group(4);
        instructionOfStep.put(step.group(1), name);
        cached.put(name, false);
      } else if (line.matches("#\\d+ CACHED")) {
        cached.put(instructionOfStep.get(line.substring(1, line.indexOf(' '))), true);
      }
    }
    return new Build(result, result.stdout().strip(), cached);
  }

  private static List<String> cachedSteps(Build build) {
    return build.cached().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
  }

  private static final String COPY_SRC = "builder COPY src/ /src/";
  private static final String RUN_ARTIFACT = "builder RUN cat /src/*.txt > /artifact && echo \"$FLAVOUR\" >> /artifact";
  private static final String COPY_FROM = "stage-1 COPY --from=builder /artifact /artifact";
  private static final String COPY_STATIC = "stage-1 COPY static.txt /static.txt";
  private static final String RUN_COMBINE = "stage-1 RUN cat /artifact /static.txt > /combined";
  private static final List<String> EFFECT_STEPS = List.of(COPY_SRC, RUN_ARTIFACT, COPY_FROM, COPY_STATIC, RUN_COMBINE);

  @Test
  void rebuild_unchanged_everyStepCachedAndTheSameImage() {
    Build first = build();
    Build second = build();

    assertThat(cachedSteps(first)).isEmpty();
    assertThat(cachedSteps(second)).containsExactlyInAnyOrderElementsOf(EFFECT_STEPS);
    assertThat(second.digest()).isEqualTo(first.digest());
  }

  @Test
  void rebuild_afterTouchingContextFiles_stillCached() throws IOException {
    build();
    for (Path file : List.of(context.resolve("src/a.txt"), context.resolve("static.txt"))) {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
    }

    assertThat(cachedSteps(build())).containsExactlyInAnyOrderElementsOf(EFFECT_STEPS);
  }

  @Test
  void rebuild_afterChangingOneByteOfASource_missesFromThatCopyOnAndInDependentStages() throws IOException {
    build();
    Files.writeString(context.resolve("src/b.txt"), "betA\n");

    Build rebuilt = build();

    // Every step of the builder from the changed COPY on, and what copies from the builder
    // (with everything after it) in the final stage.
    assertThat(cachedSteps(rebuilt)).isEmpty();
  }

  @Test
  void rebuild_afterChangingAFileOnlyTheLastStageCopies_keepsTheFirstStage() throws IOException {
    build();
    Files.writeString(context.resolve("static.txt"), "Static\n");

    Build rebuilt = build();

    assertThat(cachedSteps(rebuilt)).containsExactlyInAnyOrder(COPY_SRC, RUN_ARTIFACT, COPY_FROM);
  }

  @Test
  void rebuild_withAnUnusedBuildArg_staysCached_butAChangedDeclaredArgMisses() {
    build();

    assertThat(cachedSteps(build("--build-arg", "NOBODY_DECLARES_ME=1"))).containsExactlyInAnyOrderElementsOf(EFFECT_STEPS);
    assertThat(cachedSteps(build("--build-arg", "FLAVOUR=spicy"))).containsExactly(COPY_SRC);
  }

  @Test
  void rebuild_noCacheAndNoCacheFilter_runTheSteps() {
    build();

    assertThat(cachedSteps(build("--no-cache"))).isEmpty();
    // The final stage (index 1) runs again; the builder stays cached.
    assertThat(cachedSteps(build("--no-cache-filter", "1"))).containsExactlyInAnyOrder(COPY_SRC, RUN_ARTIFACT);
    // The builder runs again and makes new content, so what copies from it runs again too.
    assertThat(cachedSteps(build("--no-cache-filter", "builder"))).isEmpty();
  }

  @Test
  void rebuild_afterALayerBlobIsCorruptedOnDisk_detectsItAndRebuilds() throws IOException {
    build("-t", TestBed.REGISTRY + "/cache-it/corrupt:1");
    // Corrupt every cached layer blob the build wrote (same size, other bytes).
    try (Stream<Path> blobs = Files.list(cache.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        byte[] bytes = Files.readAllBytes(blob);
        if (bytes.length > 2 && bytes[0] == 0x1f && (bytes[1] & 0xff) == 0x8b) {
          bytes[bytes.length / 2] ^= 0x55;
          Files.write(blob, bytes);
        }
      }
    }

    Build rebuilt = build("-t", TestBed.REGISTRY + "/cache-it/corrupt:1", "--push");

    assertThat(rebuilt.cached()).containsKey(RUN_COMBINE);
    assertThat(run(TestBed.REGISTRY + "/cache-it/corrupt:1")).isEqualTo("alpha\nbeta\nplain\nstatic\n");
  }

  @Test
  void concurrentBuilds_sharingOneCacheDirectory_bothProduceWorkingImages() {
    CompletableFuture<Build> first = CompletableFuture.supplyAsync(() -> build("-t", TestBed.REGISTRY + "/cache-it/concurrent:1", "--push"));
    CompletableFuture<Build> second = CompletableFuture.supplyAsync(() -> build("-t", TestBed.REGISTRY + "/cache-it/concurrent:2", "--push"));

    first.join();
    second.join();

    assertThat(run(TestBed.REGISTRY + "/cache-it/concurrent:1")).isEqualTo("alpha\nbeta\nplain\nstatic\n");
    assertThat(run(TestBed.REGISTRY + "/cache-it/concurrent:2")).isEqualTo("alpha\nbeta\nplain\nstatic\n");
    assertThat(cachedSteps(build())).containsExactlyInAnyOrderElementsOf(EFFECT_STEPS);
  }

  @Test
  void killNineInTheMiddleOfARun_leavesAUsableCache() throws Exception {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s
        COPY static.txt /static.txt
        RUN dd if=/dev/urandom of=/big bs=1M count=64 2>/dev/null && sleep 30
        CMD ["cat", "/static.txt"]
        """.formatted(BUSYBOX));
    List<String> command = new ArrayList<>(Jbuild.command());
    command.addAll(List.of("build", "--progress=plain", "--cache-dir", cache.toString(), context.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    awaitRunningStep();
    process.destroyForcibly().waitFor();

    Files.writeString(context.resolve("Dockerfile"), Files.readString(context.resolve("Dockerfile")).replace(" && sleep 30", ""));
    Build next = build("-t", TestBed.REGISTRY + "/cache-it/killed:1", "--push");

    assertThat(cachedSteps(next)).containsExactly("stage-0 COPY static.txt /static.txt");
    assertThat(run(TestBed.REGISTRY + "/cache-it/killed:1")).isEqualTo("static\n");
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(cache.toString());
  }

  /** Waits until the sandbox runs the step: its upper dir exists in the cache's temporary space. */
  private void awaitRunningStep() throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      try (Stream<Path> entries = Files.list(cache.resolve("tmp"))) {
        if (entries.anyMatch(path -> path.getFileName().toString().startsWith("run-"))) {
          Thread.sleep(1500); // well inside the RUN: writing its data or sleeping
          return;
        }
      } catch (java.nio.file.NoSuchFileException e) {
        // the cache directory is not made yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the RUN step never started");
  }

  @Test
  void registryCache_sharedByTwoCacheDirectories_secondBuildIsAllHits(@TempDir Path otherCache) {
    String cacheRef = TestBed.REGISTRY + "/cache-it/registry-cache:" + Long.toHexString(System.nanoTime());
    Build first = build("--cache-to", "type=registry,ref=" + cacheRef);

    List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--cache-dir", otherCache.toString(),
        "--cache-from", "type=registry,ref=" + cacheRef, "-t", TestBed.REGISTRY + "/cache-it/from-registry:1", "--push",
        context.toString()));
    ProcessResult second = Jbuild.run(context, args.toArray(String[]::new));

    assertThat(second.exitCode()).as(second.describe()).isZero();
    assertThat(second.stderr().lines().filter(line -> line.matches("#\\d+ CACHED")).count()).isEqualTo(EFFECT_STEPS.size());
    assertThat(second.stdout().strip()).isEqualTo(first.digest());
    assertThat(run(TestBed.REGISTRY + "/cache-it/from-registry:1")).isEqualTo("alpha\nbeta\nplain\nstatic\n");
  }

  @Test
  void cacheDuAndPrune_measureAndEmptyTheCache() {
    build();

    ProcessResult usage = Jbuild.run(context, "cache", "du", "--cache-dir", cache.toString());
    ProcessResult pruned = Jbuild.run(context, "cache", "prune", "--cache-dir", cache.toString());
    ProcessResult after = Jbuild.run(context, "cache", "du", "--cache-dir", cache.toString());

    assertThat(usage.exitCode()).as(usage.describe()).isZero();
    assertThat(usage.stdout()).containsPattern("layer blobs\\s+[1-9][0-9]*\\s+[0-9.]+[KMG]?B");
    assertThat(pruned.stdout()).startsWith("reclaimed ");
    assertThat(after.stdout()).containsPattern("total\\s+0B");
    assertThat(cachedSteps(build())).isEmpty();
  }

  @Test
  void metadataFile_listsStepsWithTheirCacheState() throws IOException {
    build();
    Path metadata = context.resolve("metadata.json");

    Build rebuilt = build("--metadata-file", metadata.toString());

    String json = Files.readString(metadata);
    assertThat(json).contains("\"containerimage.digest\" : \"" + rebuilt.digest() + "\"")
        .contains("\"containerimage.config.digest\" : \"sha256:")
        .contains("\"instruction\" : \"COPY static.txt /static.txt\"")
        .contains("\"cached\" : true");
  }

  private static String run(String image) {
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(List.of("run", "--rm", "--pull", "always", "--network", "none", image));
    return Processes.check(docker, Duration.ofMinutes(3)).stdout();
  }
}
