package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The render thread and its ANSI redraws, on a writer instead of a terminal. */
class TtyProgressTest {
  private static final Terminal TERMINAL = new Terminal(Optional.of(Path.of("/dev/pts/9")), "xterm", 60, 20);

  private final StringWriter screen = new StringWriter();
  private final AtomicLong clock = new AtomicLong();

  @Test
  void run_liveFramesAreRedrawnInPlace_thenReplacedByTheSummary() throws Exception {
    TtyProgress progress = new TtyProgress(new PrintWriter(screen), TERMINAL, clock::get).start();
    progress.onEvent(new BuildEvent.StepStarted(1, "stage-0", 1, 1, "RUN make"));
    progress.onEvent(new BuildEvent.StepOutput(1, "compiling"));
    clock.set(2_000_000_000L);
    waitFor(() -> screen.toString().contains(" => => # compiling"));
    waitFor(() -> count(screen.toString(), "[+] Building") >= 2);
    progress.succeeded(new BuildResult("sha256:aa", "sha256:bb", List.of(), false, List.of()));

    String written = screen.toString();
    // Every frame after the first starts by moving up over the previous one (3 lines: header, step, output).
    assertThat(written).contains("\r\u001B[3A\u001B[2K[+] Building");
    String last = written.substring(written.lastIndexOf("\r\u001B["));
    assertThat(last).isEqualTo("\r\u001B[3A"
        + "\u001B[2K[+] Building 2.0s (1/1) FINISHED\n"
        + "\u001B[2K => [stage-0 1/1] RUN make" + " ".repeat(59 - 26 - 4) + "2.0s\n"
        + "\u001B[J");
    int length = screen.toString().length();
    Thread.sleep(TtyProgress.REFRESH.toMillis() * 3);
    assertThat(screen.toString()).as("nothing is drawn after the summary").hasSize(length);
  }

  @Test
  void failed_summarySaysFailed() throws Exception {
    TtyProgress progress = new TtyProgress(new PrintWriter(screen), TERMINAL, clock::get).start();
    progress.onEvent(new BuildEvent.StepStarted(1, "stage-0", 1, 1, "RUN false"));
    progress.onEvent(new BuildEvent.StepFailed(1, Duration.ZERO, "exit code: 1"));

    progress.failed(new BuildException("Dockerfile:2: RUN failed"));

    assertThat(screen.toString()).contains("(1/1) FAILED\n", " => ERROR [stage-0 1/1] RUN false");
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for the view");
      }
      Thread.sleep(10);
    }
  }
}
