package dev.jbuild.cli;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Line-oriented progress, as BuildKit's {@code --progress=plain}: every line starts with the
 * step number, so interleaved output stays greppable in CI logs. Thread-safe.
 */
final class PlainProgress implements ProgressView {
  private final PrintWriter out;

  PlainProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void onEvent(BuildEvent event) {
    if (event instanceof BuildEvent.StepStarted started) {
      out.printf("#%d [%s %d/%d] %s%n", started.step(), started.stage(), started.position(), started.total(),
          started.instruction());
    } else if (event instanceof BuildEvent.StepOutput output) {
      out.printf("#%d %s%n", output.step(), output.line());
    } else if (event instanceof BuildEvent.StepCached cached) {
      out.printf("#%d CACHED%n", cached.step());
    } else if (event instanceof BuildEvent.StepFinished finished) {
      out.printf("#%d DONE %s%n", finished.step(), seconds(finished.duration()));
    } else if (event instanceof BuildEvent.StepFailed failed) {
      out.printf("#%d ERROR %s%n", failed.step(), seconds(failed.duration()));
    } else if (event instanceof BuildEvent.Activity activity) {
      out.printf("#0 %s%n", activity.text());
    } else if (event instanceof BuildEvent.Transfer transfer) {
      // Byte counts are too frequent for logs: only a finished transfer gets a line.
      if (transfer.total() > 0 && transfer.done() >= transfer.total()) {
        out.printf("#0 %s %s done%n", transfer.name(), ByteSizes.format(transfer.total()));
      }
    }
    out.flush();
  }

  @Override
  public void succeeded(BuildResult result) {}

  @Override
  public void failed(BuildException failure) {}

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toNanos() / 1e9);
  }
}
