package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.Skopeo;
import dev.jbuild.testdata.TestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config file and {@code --build-arg-file} as they show in a pushed image: the mirror and
 * cache directory come from the config file alone, the build argument from a file alone.
 */
class ConfigAndArgumentsIT {
  private static final String REGISTRY = TestBed.REGISTRY;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  @Test
  void build_mirrorAndCacheFromConfigAndArgumentFromFile_reachThePushedImage(@TempDir Path context,
      @TempDir Path settings) throws Exception {
    Path cache = settings.resolve("cache-from-config");
    Path config = Files.writeString(settings.resolve("config.json"), """
        {"cacheDir": "%s", "registryMirrors": {"docker.io": "http://%s"}, "progress": "plain"}
        """.formatted(cache, REGISTRY));
    Path arguments = Files.writeString(settings.resolve("args.conf"), "# greeting for the image\nGREETING=hello from a file\n");
    Files.writeString(context.resolve("Dockerfile"), """
        FROM busybox
        ARG GREETING=unset
        RUN echo "$GREETING" > /greeting
        LABEL greeting="$GREETING"
        CMD ["cat", "/greeting"]
        """);
    String image = REGISTRY + "/cliux/config:1";

    ProcessResult result = Jbuild.run(context, Map.of("JBUILD_CONFIG", config.toString()),
        "--build-arg-file", arguments.toString(), "-t", image, "--push", ".");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).as("progress mode from the config file").contains("#2 [stage-0 2/4] RUN ");
    assertThat(cache.resolve("blobs/sha256")).isNotEmptyDirectory();
    assertThat(Skopeo.config(image).get("config").get("Labels").get("greeting").asText()).isEqualTo("hello from a file");
    List<String> docker = new ArrayList<>(TestBed.docker());
    docker.addAll(List.of("run", "--rm", "--pull", "always", "--network", "none", image));
    assertThat(Processes.check(docker, Duration.ofMinutes(3)).stdout().strip()).isEqualTo("hello from a file");
  }
}
