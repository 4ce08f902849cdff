package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.api.BuildEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlainProgressTest {
  @Test
  void onEvent_eachEvent_isOneLinePrefixedWithItsStep() {
    StringWriter text = new StringWriter();
    PlainProgress progress = new PlainProgress(new PrintWriter(text));

    progress.onEvent(new BuildEvent.Activity("resolving busybox"));
    progress.onEvent(new BuildEvent.Transfer("pull 0123456789ab", 10, 3_400_000));
    progress.onEvent(new BuildEvent.Transfer("pull 0123456789ab", 3_400_000, 3_400_000));
    progress.onEvent(new BuildEvent.StepStarted(1, "build", 1, 2, "RUN make"));
    progress.onEvent(new BuildEvent.StepOutput(1, "compiling"));
    progress.onEvent(new BuildEvent.StepFinished(1, Duration.ofMillis(1234)));
    progress.onEvent(new BuildEvent.StepStarted(2, "build", 2, 2, "COPY . ."));
    progress.onEvent(new BuildEvent.StepCached(2));
    progress.onEvent(new BuildEvent.StepStarted(3, "final", 1, 1, "RUN false"));
    progress.onEvent(new BuildEvent.StepFailed(3, Duration.ofMillis(50), "exit code: 1"));

    assertThat(text.toString()).isEqualTo("""
        #0 resolving busybox
        #0 pull 0123456789ab 3.4MB done
        #1 [build 1/2] RUN make
        #1 compiling
        #1 DONE 1.2s
        #2 [build 2/2] COPY . .
        #2 CACHED
        #3 [final 1/1] RUN false
        #3 ERROR 0.1s
        """);
  }
}
