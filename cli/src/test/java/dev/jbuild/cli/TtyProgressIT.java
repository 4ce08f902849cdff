package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.testdata.Processes;
import dev.jbuild.testdata.RepositoryLayout;
import dev.jbuild.testdata.TestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live progress view as a user sees it: the packaged CLI runs in a real pseudo-terminal
 * (tmux) and the screen is read back as text, while the build runs and after it ends.
 */
class TtyProgressIT {
  private static final String REGISTRY = TestBed.REGISTRY;
  private static final Pattern RUNNING_STEP =
      Pattern.compile("(?m)^ => \\[stage-0 1/2] RUN for i in .* +[0-9]+\\.[0-9]s$");

  @TempDir
  static Path cache;

  @BeforeAll
  static void testBed() {
    // tmux is one of the test bed's packages; installing is a no-op when it is there.
    Processes.check(List.of("bash", RepositoryLayout.testbedScript().toString(), "install"), Duration.ofMinutes(10));
    TestBed.seeded(Jbuild.command());
  }

  private static String jbuild(Path context, String environment, String... flags) {
    return "cd " + context + " && " + environment + " java -jar " + RepositoryLayout.cliJar() + " --no-cache --cache-dir " + cache
        + " " + String.join(" ", flags) + " . ; echo EXIT=$?; sleep 600";
  }

  private static void slowRunDockerfile(Path context) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), """
        FROM %s/library/busybox
        RUN for i in $(seq 1 15); do echo "tick $i"; sleep 0.3; done
        COPY Dockerfile /copied
        """.formatted(REGISTRY));
  }

  @Test
  void build_onATerminal_drawsRunningStepsWithTimeAndOutputThenASummary(@TempDir Path context) throws Exception {
    slowRunDockerfile(context);

    try (Tmux terminal = new Tmux(jbuild(context, "", "-t", REGISTRY + "/cliux/tty:1"), 100, 30)) {
      String running = terminal.waitFor(screen -> screen.contains(" => => # tick 9"), Duration.ofMinutes(5));

      assertThat(running).startsWith("[+] Building ").containsPattern(RUNNING_STEP);
      List<Integer> ticks = running.lines().filter(line -> line.startsWith(" => => # tick "))
          .map(line -> Integer.parseInt(line.substring(" => => # tick ".length()).strip())).toList();
      assertThat(ticks).as("the last six output lines, in order").hasSize(6)
          .isEqualTo(java.util.stream.IntStream.rangeClosed(ticks.get(0), ticks.get(0) + 5).boxed().toList());
      assertThat(ticks.get(5)).isGreaterThanOrEqualTo(9);

      String done = terminal.waitFor(screen -> screen.contains("EXIT="), Duration.ofMinutes(5));
      String history = terminal.screen(true);

      assertThat(done).contains("EXIT=0").containsPattern("(?m)^sha256:[0-9a-f]{64}$")
          .containsPattern("(?m)^\\[\\+] Building [0-9.]+s \\([0-9]+/[0-9]+\\) FINISHED$")
          .containsPattern("(?m)^ => \\[stage-0 1/2] RUN for i in .* +[0-9]+\\.[0-9]s$")
          .containsPattern("(?m)^ => \\[stage-0 2/2] COPY Dockerfile /copied +[0-9]+\\.[0-9]s$")
          .contains("named " + REGISTRY + "/cliux/tty:1")
          .doesNotContain("=> => #", "#1 [");
      assertThat(history.split(Pattern.quote("[+] Building"), -1)).as("frames are redrawn in place").hasSize(2);
    }
  }

  @Test
  void build_onADumbTerminal_writesPlainLines(@TempDir Path context) throws Exception {
    slowRunDockerfile(context);

    try (Tmux terminal = new Tmux(jbuild(context, "TERM=dumb"), 100, 30)) {
      terminal.waitFor(screen -> screen.contains("EXIT="), Duration.ofMinutes(5));
      String history = terminal.screen(true);

      assertThat(history).contains("EXIT=0", "#1 [stage-0 1/2] RUN for i in", "#1 tick 15")
          .containsPattern("#1 DONE [0-9]+\\.[0-9]s").doesNotContain("[+] Building");
    }
  }
}
