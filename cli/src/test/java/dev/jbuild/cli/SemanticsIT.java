package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.Skopeo;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dockerfile semantics where they show in the image: its config as skopeo reads it, and running it. */
class SemanticsIT {
  private static final String REGISTRY = TestBed.REGISTRY;

  @TempDir
  static Path cache;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  private static void build(Path context, String dockerfile, String... flags) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--cache-dir", cache.toString()));
    args.addAll(List.of(flags));
    args.add(context.toString());
    ProcessResult result = Jbuild.run(context, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.describe()).isZero();
  }

  private static String run(String image, String... command) {
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(List.of("run", "--rm", "--pull", "always", "--network", "none", image));
    docker.addAll(List.of(command));
    return Processes.check(docker, Duration.ofMinutes(3)).stdout();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }

  @Test
  void configInstructions_landInTheImageConfig(@TempDir Path context) throws IOException {
    String image = REGISTRY + "/semantics/config:1";
    build(context, """
        FROM %s/library/busybox
        MAINTAINER someone@example.com
        ARG PORT=8080
        EXPOSE $PORT 53/udp 7000-7001
        VOLUME ["/data", "/logs"]
        STOPSIGNAL SIGQUIT
        HEALTHCHECK --interval=5s --retries=2 CMD wget -q -O- http://localhost:8080/ || exit 1
        SHELL ["/bin/sh", "-ec"]
        ENTRYPOINT echo from-entrypoint
        """.formatted(REGISTRY), "-t", image, "--push");

    JsonNode config = Skopeo.config(image);
    JsonNode container = config.get("config");
    assertThat(config.get("author").asText()).isEqualTo("someone@example.com");
    assertThat(container.get("ExposedPorts").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("8080/tcp", "53/udp", "7000/tcp", "7001/tcp");
    assertThat(container.get("Volumes").fieldNames()).toIterable().containsExactlyInAnyOrder("/data", "/logs");
    assertThat(container.get("StopSignal").asText()).isEqualTo("SIGQUIT");
    assertThat(strings(container.get("Healthcheck").get("Test")))
        .containsExactly("CMD-SHELL", "wget -q -O- http://localhost:8080/ || exit 1");
    assertThat(container.get("Healthcheck").get("Interval").asLong()).isEqualTo(5_000_000_000L);
    assertThat(strings(container.get("Entrypoint"))).containsExactly("/bin/sh", "-ec", "echo from-entrypoint");
    // The base's CMD ["sh"] is reset by ENTRYPOINT; ARGs are never persisted.
    assertThat(container.has("Cmd")).isFalse();
    assertThat(strings(container.get("Env"))).noneMatch(entry -> entry.startsWith("PORT="));
    assertThat(config.get("history").findValuesAsText("created_by")).contains("EXPOSE 8080/tcp 53/udp 7000/tcp 7001/tcp");
    assertThat(run(image)).isEqualTo("from-entrypoint\n");
  }

  @Test
  void argsAndEnv_scopedAsInDocker(@TempDir Path context) throws IOException {
    String image = REGISTRY + "/semantics/args:1";
    build(context, """
        ARG GLOBAL=from-global
        ARG BASE=%s/library/busybox
        FROM $BASE
        ARG GLOBAL
        ARG TARGETARCH
        ARG ONLY_ARG=arg-value
        ENV FROM_ENV=env-value
        RUN echo "$GLOBAL $TARGETARCH $ONLY_ARG $FROM_ENV" > /seen
        CMD ["sh", "-c", "cat /seen; echo run:${ONLY_ARG:-unset}:$FROM_ENV"]
        """.formatted(REGISTRY), "-t", image, "--push", "--build-arg", "GLOBAL=overridden");

    assertThat(run(image).lines().toList())
        .containsExactly("overridden amd64 arg-value env-value", "run:unset:env-value");
  }

  @Test
  void onbuildTriggers_runInTheChildAndAreNotInherited(@TempDir Path parentContext, @TempDir Path childContext)
      throws IOException {
    String parent = REGISTRY + "/semantics/onbuild-parent:1";
    String child = REGISTRY + "/semantics/onbuild-child:1";
    build(parentContext, """
        FROM %s/library/busybox
        ONBUILD RUN echo triggered > /from-trigger
        """.formatted(REGISTRY), "-t", parent, "--push");
    build(childContext, "FROM " + parent + "\nCMD [\"cat\", \"/from-trigger\"]\n", "-t", child, "--push");

    assertThat(strings(Skopeo.config(parent).get("config").get("OnBuild"))).containsExactly("RUN echo triggered > /from-trigger");
    assertThat(Skopeo.config(child).get("config").has("OnBuild")).isFalse();
    assertThat(run(child)).isEqualTo("triggered\n");
  }

  @Test
  void userAndWorkdir_expandedAndCreated(@TempDir Path context) throws IOException {
    String image = REGISTRY + "/semantics/user:1";
    build(context, """
        FROM %s/library/busybox
        ENV APP=/srv/app NAME=www-data
        WORKDIR $APP
        WORKDIR sub
        USER ${NAME}:wheel
        RUN id -un > /tmp/whoami && id -gn >> /tmp/whoami && pwd >> /tmp/whoami && stat -c %%U . >> /tmp/whoami
        CMD ["cat", "/tmp/whoami"]
        """.formatted(REGISTRY), "-t", image, "--push");

    assertThat(Skopeo.config(image).get("config").get("User").asText()).isEqualTo("www-data:wheel");
    // WORKDIR made the directories before USER changed, so root owns them, as in docker.
    assertThat(run(image).lines().toList()).containsExactly("www-data", "wheel", "/srv/app/sub", "root");
  }
}
