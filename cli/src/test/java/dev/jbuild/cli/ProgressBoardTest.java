package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.api.BuildEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBoardTest {
  private final ProgressBoard board = new ProgressBoard(0);

  @Test
  void apply_eventsForUnknownSteps_areIgnored() {
    board.apply(new BuildEvent.StepOutput(7, "stray"), 1);
    board.apply(new BuildEvent.StepFinished(7, Duration.ZERO), 1);
    board.apply(new BuildEvent.StepCached(7), 1);

    assertThat(board.snapshot().rows()).isEmpty();
  }

  @Test
  void apply_activity_endsWhenTheNextActivityBegins() {
    board.apply(new BuildEvent.Activity("resolving a"), 10);
    board.apply(new BuildEvent.Activity("resolving b"), 30);

    assertThat(board.snapshot().rows()).extracting(ProgressBoard.Row::endedNanos).containsExactly(30L, -1L);
  }

  @Test
  void endAll_runningRows_endAtTheGivenTime() {
    board.apply(new BuildEvent.StepStarted(1, "s", 1, 1, "RUN x"), 5);
    board.apply(new BuildEvent.Transfer("pull a", 1, 0), 5);

    board.endAll(50);

    assertThat(board.snapshot().rows()).allSatisfy(row -> assertThat(row.endedNanos()).isEqualTo(50));
    assertThat(board.snapshot().completed()).isEqualTo(2);
  }

  @Test
  void apply_output_keepsTheLastLinesSanitized() {
    board.apply(new BuildEvent.StepStarted(1, "s", 1, 1, "RUN x"), 0);
    for (int line = 1; line <= 10; line++) {
      board.apply(new BuildEvent.StepOutput(1, "\u001B[32mline " + line + "\u001B[0m"), line);
    }

    assertThat(board.snapshot().rows().get(0).output()).containsExactly("line 5", "line 6", "line 7", "line 8",
        "line 9", "line 10");
  }
}
