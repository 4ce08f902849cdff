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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RUN --mount=type=cache and type=tmpfs, seen from a pushed image that docker runs. */
class RunMountIT {
  private static final String REGISTRY = TestBed.REGISTRY;

  @TempDir
  Path cache;

  @TempDir
  Path context;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  private ProcessResult build(String image, String... flags) {
    List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--cache-dir", cache.toString(), "-t", image,
        "--push"));
    args.addAll(List.of(flags));
    args.add(context.toString());
    ProcessResult result = Jbuild.run(context, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result;
  }

  private static String run(String image) {
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(List.of("run", "--rm", "--pull", "always", "--network", "none", image));
    return Processes.check(docker, Duration.ofMinutes(3)).stdout();
  }

  @Test
  void cacheMount_keepsItsFilesAcrossBuildsButOutOfTheImage_tmpfsIsEmptyAndGone() throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        WORKDIR /app
        ARG CACHE=/var/cache/demo
        RUN --mount=type=cache,target=$CACHE,uid=33,gid=33 echo run >> $CACHE/log && wc -l < $CACHE/log > runs \\
            && stat -c '%%u:%%g' $CACHE > owner
        RUN --mount=type=tmpfs,target=scratch ls -A scratch | wc -l > scratch-before && touch scratch/x \\
            && grep -c ' /app/scratch tmpfs ' /proc/mounts > tmpfs
        CMD ["sh", "-c", "cat runs owner scratch-before tmpfs; ls -A /app; test -e /var/cache/demo || echo no-cache-dir"]
        """.formatted(REGISTRY));
    String first = REGISTRY + "/mounts/app:1";
    String second = REGISTRY + "/mounts/app:2";
    String third = REGISTRY + "/mounts/app:3";

    build(first);
    build(second, "--no-cache");
    ProcessResult cached = build(third);

    assertThat(run(first)).isEqualTo("1\n33:33\n0\n1\nowner\nruns\nscratch-before\ntmpfs\nno-cache-dir\n");
    // --no-cache re-ran the step, and the cache mount still held the first run's file.
    assertThat(run(second)).startsWith("2\n");
    // The cache key is the instruction: the cache mount's content is not part of it.
    assertThat(cached.stderr()).contains("CACHED");
    assertThat(run(third)).startsWith("2\n");
  }

  @Test
  void lockedCacheMount_twoBuildsAtOnce_takeTurns() throws Exception {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        ARG N
        RUN --mount=type=cache,target=/c,id=turns,sharing=locked \\
            if [ -e /c/busy ]; then echo overlap; fi; touch /c/busy; sleep 1; rm /c/busy; echo $N >> /c/log; cat /c/log | wc -l
        """.formatted(REGISTRY));
    List<Thread> threads = new ArrayList<>();
    List<ProcessResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int n = 1; n <= 2; n++) {
      String tag = REGISTRY + "/mounts/locked:" + n;
      String argument = "N=" + n;
      Thread thread = new Thread(() -> results.add(Jbuild.run(context, "build", "--progress=plain", "--cache-dir",
          cache.toString(), "--build-arg", argument, "-t", tag, context.toString())));
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(results).hasSize(2).allSatisfy(result -> {
      assertThat(result.exitCode()).as(result.describe()).isZero();
      assertThat(result.stderr().lines()).noneMatch(line -> line.matches("#\\d+ overlap"));
    });
    // Each RUN saw the other's line or none: the counts are 1 and 2, in either order.
    assertThat(results.stream().map(result -> result.stderr().lines().filter(line -> line.matches("#\\d+ [12]"))
        .findFirst().orElse("none").replaceAll("#\\d+ ", ""))).containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void bindMount_showsContextFilesReadOnlyAsFilteredByDockerignore_andTheirContentIsInTheKey() throws IOException {
    Files.writeString(context.resolve("pom.xml"), "<project/>\n");
    Files.createDirectories(context.resolve("src"));
    Files.writeString(context.resolve("src/A.java"), "class A {}\n");
    Files.writeString(context.resolve("src/B.java"), "class B {}\n");
    Files.writeString(context.resolve(".dockerignore"), "src/B.java\n");
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        WORKDIR /app
        RUN --mount=type=bind,source=pom.xml,target=pom.xml --mount=type=bind,source=src,target=/in,rw \\
            cat pom.xml > seen; ls /in | tr '\\n' ' ' > listing; cat /in/A.java >> seen; echo x > /in/written; \\
            (echo changed > pom.xml) 2>/dev/null || echo refused > pom-ro
        CMD ["sh", "-c", "cat seen listing pom-ro; echo; ls -A /app; test -e /in || echo no-in"]
        """.formatted(REGISTRY));
    String image = REGISTRY + "/mounts/bind:1";

    build(image);
    Files.setLastModifiedTime(context.resolve("src/A.java"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    ProcessResult touched = build(image);
    Files.writeString(context.resolve("src/A.java"), "class A { int changed; }\n");
    ProcessResult edited = build(image);

    assertThat(run(image)).isEqualTo("<project/>\nclass A { int changed; }\nA.java refused\n\nlisting\npom-ro\nseen\nno-in\n");
    // The rw bind wrote into a throw-away copy, never into the context.
    assertThat(context.resolve("src/written")).doesNotExist();
    assertThat(context.resolve("pom.xml")).hasContent("<project/>");
    assertThat(runStepCached(touched)).isTrue();
    assertThat(runStepCached(edited)).isFalse();
  }

  @Test
  void bindMountFromAStage_seesThatStagesFiles_andRerunsWhenTheyChange() throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox AS tools
        ARG VERSION=1
        RUN mkdir -p /out && echo tool-$VERSION > /out/result
        FROM %s/library/busybox
        RUN --mount=type=bind,from=tools,source=/out,target=/mnt cat /mnt/result > /copied
        CMD ["sh", "-c", "cat /copied; test -e /mnt || echo no-mnt"]
        """.formatted(REGISTRY, REGISTRY));
    String image = REGISTRY + "/mounts/from-stage:1";

    build(image);
    assertThat(run(image)).isEqualTo("tool-1\nno-mnt\n");

    ProcessResult changed = build(image, "--build-arg", "VERSION=2");
    assertThat(run(image)).isEqualTo("tool-2\nno-mnt\n");
    assertThat(changed.stderr().lines().filter(line -> line.endsWith(" CACHED"))).isEmpty();
  }

  @Test
  void secretMount_isReadableInTheStepOnly_andNeverInTheImageOrTheLog() throws IOException {
    Path token = Files.writeString(context.resolve("../token-" + System.nanoTime()), "s3cr3t-value");
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        RUN --mount=type=secret,id=token wc -c < /run/secrets/token > /length; stat -c %%a /run/secrets/token > /mode
        RUN --mount=type=secret,id=token,target=/root/.token,uid=65534 stat -c %%u /root/.token > /owner
        RUN --mount=type=secret,id=not-given test -e /run/secrets/not-given || echo skipped > /optional
        CMD ["sh", "-c", "cat /length /mode /owner /optional; test -e /run/secrets || echo no-secrets; test -e /root/.token || echo no-token"]
        """.formatted(REGISTRY));
    String image = REGISTRY + "/mounts/secret:1";

    ProcessResult result = build(image, "--secret", "id=token,src=" + token);

    assertThat(run(image)).isEqualTo("12\n400\n65534\nskipped\nno-secrets\nno-token\n");
    assertThat(result.stderr() + result.stdout()).doesNotContain("s3cr3t-value");
    Files.delete(token);

    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        RUN --mount=type=secret,id=token,required=true cat /run/secrets/token
        """.formatted(REGISTRY));
    ProcessResult missing = Jbuild.run(context, "build", "--progress=plain", "--cache-dir", cache.toString(), context.toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("secret token is required but was not given");
  }

  @Test
  void sshMount_forwardsTheAgentSocketAndSetsSshAuthSock() throws Exception {
    Path socket = context.resolveSibling("agent-" + System.nanoTime() + ".sock");
    Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true).start();
    try {
      for (int i = 0; i < 100 && !Files.exists(socket); i++) {
        Thread.sleep(50);
      }
      Files.writeString(context.resolve("Dockerfile"), """
          FROM %s/library/busybox
          RUN --mount=type=ssh test -S "$SSH_AUTH_SOCK" && echo "$SSH_AUTH_SOCK" > /agent
          RUN --mount=type=ssh,id=other,required=false echo ${SSH_AUTH_SOCK:-unset} > /optional
          CMD ["sh", "-c", "cat /agent /optional; test -e /run/buildkit || echo no-run-buildkit"]
          """.formatted(REGISTRY));
      String image = REGISTRY + "/mounts/ssh:1";

      build(image, "--ssh", "default=" + socket);

      assertThat(run(image)).isEqualTo("/run/buildkit/ssh_agent.0\nunset\nno-run-buildkit\n");
      ProcessResult notASocket = Jbuild.run(context, "build", "--cache-dir", cache.toString(), "--ssh",
          "default=" + context.resolve("Dockerfile"), context.toString());
      assertThat(notASocket.exitCode()).isEqualTo(2);
      assertThat(notASocket.stderr()).contains("is not an agent socket");
    } finally {
      agent.destroy();
      Files.deleteIfExists(socket);
    }
  }

  /** Whether the build's RUN step printed CACHED (its line is "#N [stage i/n] RUN ..."). */
  private static boolean runStepCached(ProcessResult result) {
    String step = result.stderr().lines().filter(line -> line.matches("#\\d+ \\[.*\\] RUN .*")).findFirst()
        .orElseThrow().split(" ")[0];
    return result.stderr().lines().anyMatch(line -> line.equals(step + " CACHED"));
  }
}
