package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With SOURCE_DATE_EPOCH, two cold builds in different cache directories give the same image digest. */
class ReproducibilityIT {
  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  private static String coldBuild(Path context, Path cache, Map<String, String> environment) {
    ProcessResult result = Jbuild.run(context, environment, "build", "-q", "--cache-dir", cache.toString(),
        context.toString());
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result.stdout().strip();
  }

  @Test
  void sourceDateEpoch_twoColdBuildsInDifferentCaches_sameDigest(@TempDir Path context, @TempDir Path firstCache,
      @TempDir Path secondCache) throws IOException {
    Files.writeString(context.resolve("app.txt"), "app\n");
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        WORKDIR /srv/app
        COPY app.txt .
        RUN mkdir -p /var/data && echo generated > /var/data/file && touch /srv/app/app.txt
        ENV MODE=prod
        CMD ["cat", "/var/data/file"]
        """.formatted(TestBed.REGISTRY));
    Map<String, String> epoch = Map.of("SOURCE_DATE_EPOCH", "1700000000");

    String first = coldBuild(context, firstCache, epoch);
    Files.setLastModifiedTime(context.resolve("app.txt"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    String second = coldBuild(context, secondCache, epoch);

    assertThat(first).matches("sha256:[0-9a-f]{64}").isEqualTo(second);
  }
}
