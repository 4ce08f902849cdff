package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.ProcessResult;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-stage builds as a graph: overlap, targets, skipped stages, failures. */
class StagesIT {
  private static final String BUSYBOX = TestBed.REGISTRY + "/library/busybox";

  @TempDir
  static Path cache;

  @BeforeAll
  static void testBed() {
    TestBed.seeded(Jbuild.command());
  }

  private static ProcessResult build(Path context, String dockerfile, String... flags) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "--no-cache", "--cache-dir", cache.toString()));
    args.addAll(List.of(flags));
    args.add(context.toString());
    return Jbuild.run(context, args.toArray(String[]::new));
  }

  private static int lineOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix) || lines.get(i).contains(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line with " + prefix + " in\n" + String.join("\n", lines));
  }

  private static String stepOf(List<String> lines, String text) {
    String line = lines.get(lineOf(lines, text));
    return line.substring(0, line.indexOf(' '));
  }

  @Test
  void independentStages_runAtTheSameTime(@TempDir Path context) throws IOException {
    ProcessResult result = build(context, """
        FROM %1$s AS left
        RUN sleep 3 && echo left > /left
        FROM %1$s AS right
        RUN sleep 3 && echo right > /right
        FROM %1$s
        COPY --from=left /left /left
        COPY --from=right /right /right
        """.formatted(BUSYBOX));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    List<String> lines = result.stderr().lines().toList();
    String left = stepOf(lines, "[left 1/1] RUN");
    String right = stepOf(lines, "[right 1/1] RUN");
    // Both RUNs started before either finished: they overlapped.
    int bothStarted = Math.max(lineOf(lines, "[left 1/1] RUN"), lineOf(lines, "[right 1/1] RUN"));
    int firstDone = Math.min(lineOf(lines, left + " DONE"), lineOf(lines, right + " DONE"));
    assertThat(bothStarted).isLessThan(firstDone);
  }

  @Test
  void unusedFailingStage_isNeverRun(@TempDir Path context) throws IOException {
    ProcessResult result = build(context, """
        FROM %1$s AS broken
        RUN exit 1
        FROM %1$s
        RUN echo fine
        """.formatted(BUSYBOX));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).doesNotContain("RUN exit 1");
  }

  @Test
  void target_byNameInAnyCase_buildsThatStageAndWhatItNeeds(@TempDir Path context) throws IOException {
    ProcessResult result = build(context, """
        FROM %1$s AS Base
        RUN echo base > /base
        FROM base AS Tools
        RUN echo tools > /tools
        FROM %1$s AS unrelated
        RUN echo unrelated
        FROM tools
        RUN exit 1
        """.formatted(BUSYBOX), "--target", "TOOLS");

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).contains("[base 1/1] RUN echo base > /base", "[tools 1/1] RUN echo tools > /tools")
        .doesNotContain("RUN echo unrelated", "RUN exit 1");
  }

  @Test
  void failureInOneStage_cancelsTheOtherAndIsReported(@TempDir Path context) throws IOException {
    ProcessResult result = build(context, """
        FROM %1$s AS slow
        RUN sleep 60
        FROM %1$s AS failing
        RUN sleep 1 && exit 7
        FROM %1$s
        COPY --from=slow /bin/sh /a
        COPY --from=failing /bin/sh /b
        """.formatted(BUSYBOX));

    assertThat(result.exitCode()).isEqualTo(1);
    List<String> lines = result.stderr().lines().toList();
    assertThat(lines.stream().filter(line -> line.startsWith("error: ")).findFirst().orElseThrow())
        .startsWith("error: Dockerfile:4: ").contains("exit code: 7");
    assertThat(result.stderr()).doesNotContain(stepOf(lines, "[slow 1/1] RUN sleep 60") + " DONE");
    assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
        .filter(command -> command.contains("sleep 60")).toList()).isEmpty();
  }
}
