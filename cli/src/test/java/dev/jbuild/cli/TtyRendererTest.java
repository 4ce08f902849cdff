package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.api.BuildEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live view's lines, from events at chosen times (nanoseconds from 0). */
class TtyRendererTest {
  private static final long SECOND = 1_000_000_000L;

  private final ProgressBoard board = new ProgressBoard(0);

  private void at(double seconds, BuildEvent event) {
    board.apply(event, (long) (seconds * SECOND));
  }

  /** A row as drawn: {@code left}, then {@code right} ending one column before the terminal's edge. */
  private static String row(String left, String right, int columns) {
    return left + " ".repeat(columns - 1 - left.length() - right.length()) + right;
  }

  private List<String> live(double seconds, int columns, int rows) {
    return TtyRenderer.live(board.snapshot(), (long) (seconds * SECOND), columns, rows);
  }

  @Test
  void live_runningStep_showsElapsedTimeAndItsLastOutputLines() {
    at(0.1, new BuildEvent.Activity("resolving busybox"));
    at(0.3, new BuildEvent.StepStarted(1, "build", 1, 2, "RUN make"));
    for (int line = 1; line <= 8; line++) {
      at(0.3 + line * 0.1, new BuildEvent.StepOutput(1, "line " + line));
    }

    assertThat(live(2.5, 60, 24)).containsExactly(
        "[+] Building 2.5s (1/2)",
        row(" => resolving busybox", "0.2s", 60),
        row(" => [build 1/2] RUN make", "2.2s", 60),
        " => => # line 3",
        " => => # line 4",
        " => => # line 5",
        " => => # line 6",
        " => => # line 7",
        " => => # line 8");
  }

  @Test
  void live_finishedCachedAndFailedSteps_areMarkedAndLoseTheirOutput() {
    at(0, new BuildEvent.StepStarted(1, "stage-0", 1, 3, "WORKDIR /app"));
    at(0, new BuildEvent.StepCached(1));
    at(0.1, new BuildEvent.StepStarted(2, "stage-0", 2, 3, "COPY . ."));
    at(0.4, new BuildEvent.StepFinished(2, Duration.ofMillis(300)));
    at(0.4, new BuildEvent.StepStarted(3, "stage-0", 3, 3, "RUN exit 3"));
    at(0.5, new BuildEvent.StepOutput(3, "oops"));
    at(0.6, new BuildEvent.StepFailed(3, Duration.ofMillis(200), "exit code: 3"));

    assertThat(live(1, 50, 24)).containsExactly(
        "[+] Building 1.0s (3/3)",
        row(" => CACHED [stage-0 1/3] WORKDIR /app", "0.0s", 50),
        row(" => [stage-0 2/3] COPY . .", "0.3s", 50),
        row(" => ERROR [stage-0 3/3] RUN exit 3", "0.2s", 50));
  }

  @Test
  void live_transfer_showsBytesAndABarUntilDone() {
    at(0, new BuildEvent.Transfer("pull 0123456789ab", 0, 4_000_000));
    at(0.5, new BuildEvent.Transfer("pull 0123456789ab", 1_000_000, 4_000_000));

    assertThat(live(0.8, 80, 24)).containsExactly(
        "[+] Building 0.8s (0/1)",
        row(" => pull 0123456789ab", "1.0MB / 4.0MB [====>               ]  0.8s", 80));

    at(1.2, new BuildEvent.Transfer("pull 0123456789ab", 4_000_000, 4_000_000));

    assertThat(live(2, 80, 24)).containsExactly(
        "[+] Building 2.0s (1/1)",
        row(" => pull 0123456789ab", "4.0MB  1.2s", 80));
  }

  @Test
  void live_narrowTerminal_cutsLabelsButKeepsTheTimeAndNeverWraps() {
    at(0, new BuildEvent.StepStarted(1, "stage-0", 1, 1, "RUN apt-get update && apt-get install -y build-essential"));
    at(0, new BuildEvent.StepOutput(1, "Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB] and more"));

    List<String> lines = live(3, 40, 24);

    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(39));
    assertThat(lines.get(1)).isEqualTo(" => [stage-0 1/1] RUN apt-get upda 3.0s");
    assertThat(lines.get(2)).isEqualTo(" => => # Get:1 http://deb.debian.org/de");
  }

  @Test
  void live_shortTerminal_hidesOldFinishedRowsFirstThenOutput() {
    for (int step = 1; step <= 10; step++) {
      at(step, new BuildEvent.StepStarted(step, "s", step, 11, "RUN step " + step));
      at(step + 0.5, new BuildEvent.StepFinished(step, Duration.ofMillis(500)));
    }
    at(11, new BuildEvent.StepStarted(11, "s", 11, 11, "RUN last"));
    for (int line = 1; line <= 6; line++) {
      at(11, new BuildEvent.StepOutput(11, "out " + line));
    }

    List<String> lines = live(12, 60, 8);

    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).startsWith("[+] Building 12.0s (10/11)");
    assertThat(lines.get(1)).startsWith(" => [s 11/11] RUN last");
    assertThat(lines.subList(2, 7)).containsExactly(" => => # out 2", " => => # out 3", " => => # out 4",
        " => => # out 5", " => => # out 6");
  }

  @Test
  void summary_afterTheBuild_listsEveryRowWithoutOutputAndSaysHowItEnded() {
    at(0, new BuildEvent.StepStarted(1, "stage-0", 1, 1, "RUN echo hi"));
    at(0.2, new BuildEvent.StepOutput(1, "hi"));
    at(0.5, new BuildEvent.StepFinished(1, Duration.ofMillis(500)));
    board.endAll(SECOND);

    assertThat(TtyRenderer.summary(board.snapshot(), SECOND, 40, false)).containsExactly(
        "[+] Building 1.0s (1/1) FINISHED",
        row(" => [stage-0 1/1] RUN echo hi", "0.5s", 40));
    assertThat(TtyRenderer.summary(board.snapshot(), SECOND, 40, true).get(0)).endsWith(" FAILED");
  }

  @Test
  void bar_fractions_fillFromTheLeft() {
    assertThat(TtyRenderer.bar(0, 10)).isEqualTo("[                    ]");
    assertThat(TtyRenderer.bar(5, 10)).isEqualTo("[=========>          ]");
    assertThat(TtyRenderer.bar(10, 10)).isEqualTo("[====================]");
  }
}
