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

/**
 * The main path end to end: the packaged CLI builds Dockerfiles on the test bed's base images,
 * pushes to the real registry, and the result is read back with skopeo and run by docker.
 */
class BuildEndToEndIT {
  private static final String REGISTRY = TestBed.REGISTRY;

  @TempDir
  static Path cache;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  private static ProcessResult build(Path context, String... flags) {
    List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--cache-dir", cache.toString()));
    args.addAll(List.of(flags));
    args.add(context.toString());
    ProcessResult result = Jbuild.run(context, args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result;
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
  void build_busyboxThroughMirrorWithRunCopyEnvWorkdirUserCmd_pushedImageRunsAsWritten(@TempDir Path context)
      throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM busybox
        ENV GREETING="hello from jbuild"
        WORKDIR /app
        COPY greet.sh ./
        RUN chmod +x greet.sh && echo built > /app/built.txt \\
         && echo 'app:x:1000:1000::/app:/bin/sh' >> /etc/passwd && echo 'app:x:1000:' >> /etc/group
        USER app
        CMD ["/app/greet.sh"]
        """);
    Files.writeString(context.resolve("greet.sh"), "#!/bin/sh\necho \"$GREETING as $(id -un) in $(pwd): $(cat built.txt)\"\n");
    String image = REGISTRY + "/e2e/basic:1";

    ProcessResult result = build(context, "-t", image, "--push", "--registry-mirror", "docker.io=" + REGISTRY);

    String digest = result.stdout().strip();
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    assertThat(Skopeo.inspect(image).get("Digest").asText()).isEqualTo(digest);
    JsonNode config = Skopeo.config(image).get("config");
    assertThat(strings(config.get("Env"))).contains("GREETING=hello from jbuild");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.get("User").asText()).isEqualTo("app");
    assertThat(strings(config.get("Cmd"))).containsExactly("/app/greet.sh");
    assertThat(run(image).strip()).isEqualTo("hello from jbuild as app in /app: built");
  }

  @Test
  void build_multiStageWithCopyFromAddTarAndScratch_finalImageHasArtifactsAndMetadata(@TempDir Path context)
      throws IOException {
    Path files = Files.createDirectories(context.resolve("files"));
    Files.writeString(files.resolve("a.txt"), "from the tar\n");
    Processes.check(List.of("tar", "-cf", context.resolve("files.tar").toString(), "-C", files.toString(), "a.txt"),
        Duration.ofSeconds(30));
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %1$s/library/busybox AS builder
        RUN mkdir -p /out && echo compiled > /out/app.txt

        FROM scratch AS assets
        ADD files.tar /assets/

        FROM %1$s/library/busybox
        COPY --from=builder /out/app.txt /opt/app.txt
        COPY --from=assets /assets /opt/assets
        LABEL org.example.purpose=e2e version="1.0"
        EXPOSE 8080 9000/udp
        ENTRYPOINT ["cat"]
        CMD ["/opt/app.txt"]
        """.formatted(REGISTRY));
    String image = REGISTRY + "/e2e/multistage:1";

    build(context, "-t", image, "--push");

    JsonNode config = Skopeo.config(image).get("config");
    assertThat(config.get("Labels").get("org.example.purpose").asText()).isEqualTo("e2e");
    assertThat(config.get("Labels").get("version").asText()).isEqualTo("1.0");
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.get("ExposedPorts").has("9000/udp")).isTrue();
    assertThat(strings(config.get("Entrypoint"))).containsExactly("cat");
    assertThat(run(image).strip()).isEqualTo("compiled");
    assertThat(run(image, "/opt/assets/a.txt").strip()).isEqualTo("from the tar");
  }

  @Test
  void build_runDeletingBaseFiles_deletionsShowInTheRunningImage(@TempDir Path context) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        RUN mkdir -p /data/old && touch /data/old/a /data/keep
        RUN rm /bin/vi && rm -rf /data && mkdir /data && touch /data/new
        CMD ["sh", "-c", "ls /bin/vi 2>&1; ls -A /data"]
        """.formatted(REGISTRY));
    String image = REGISTRY + "/e2e/whiteouts:1";

    build(context, "-t", image, "--push");

    String output = run(image);
    assertThat(output).contains("No such file or directory");
    assertThat(output.lines().toList()).contains("new").doesNotContain("keep", "old");
  }

  @Test
  void build_onDebian_runsDebianTools(@TempDir Path context) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/debian:bookworm-slim
        RUN echo "debian $(cut -d. -f1 /etc/debian_version)" > /version && dpkg-query -W bash | cut -f1 >> /version
        CMD ["cat", "/version"]
        """.formatted(REGISTRY));
    String image = REGISTRY + "/e2e/debian:1";

    build(context, "-t", image, "--push");

    assertThat(run(image).lines().toList()).containsExactly("debian 12", "bash");
  }

  @Test
  void build_pushedImage_skopeoCopiesItToAnOciLayout(@TempDir Path context, @TempDir Path layout) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        RUN echo layout > /layout.txt
        """.formatted(REGISTRY));
    String image = REGISTRY + "/e2e/layout:1";
    build(context, "-t", image, "--push");

    Processes.check(List.of("skopeo", "copy", "--src-tls-verify=false", "docker://" + image,
        "oci:" + layout + ":copied"), Duration.ofMinutes(2));

    assertThat(Files.readString(layout.resolve("index.json"))).contains("copied");
    JsonNode manifest = Skopeo.manifest(image);
    assertThat(manifest.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(manifest.get("layers")).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void build_heredocs_runAsScriptsAndCopyAsFiles(@TempDir Path context) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/debian:bookworm-slim
        ARG WHO=tests
        RUN <<EOF
        #!/bin/bash
        set -e
        echo "bash ${BASH_VERSINFO[0]}" > /shebang
        EOF
        RUN cat <<'A' > /quoted && cat <<B > /expanded
        $HOME
        A
        $HOME
        B
        COPY <<EOF /copied
        built for ${WHO}
        EOF
        CMD ["cat", "/shebang", "/quoted", "/expanded", "/copied"]
        """.formatted(REGISTRY));
    String image = REGISTRY + "/e2e/heredocs:1";

    build(context, "-t", image, "--push");

    assertThat(run(image).lines().toList()).containsExactly("bash 5", "$HOME", "/root", "built for tests");
  }
}
