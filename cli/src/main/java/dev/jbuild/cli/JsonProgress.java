package dev.jbuild.cli;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --progress=json}: one JSON object per event per line, for tools. Every object has
 * {@code "time"} (ISO-8601, UTC) and {@code "type"}; the build ends with a {@code build-finished}
 * or {@code build-failed} object. Byte counts of one transfer are written at most every
 * {@link #TRANSFER_INTERVAL_NANOS} (and always its last), so a large pull does not flood the
 * stream. Thread-safe.
 */
final class JsonProgress implements ProgressView {
  static final long TRANSFER_INTERVAL_NANOS = 100_000_000L;

  private final PrintWriter out;
  private final Clock clock;
  private final Map<String, Long> lastTransferWritten = new HashMap<>();

  JsonProgress(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public synchronized void onEvent(BuildEvent event) {
    JsonLine line = start(type(event));
    if (event instanceof BuildEvent.StepStarted started) {
      line.add("step", started.step()).add("stage", started.stage()).add("position", started.position())
          .add("total", started.total()).add("instruction", started.instruction());
    } else if (event instanceof BuildEvent.StepOutput output) {
      line.add("step", output.step()).add("line", output.line());
    } else if (event instanceof BuildEvent.StepCached cached) {
      line.add("step", cached.step());
    } else if (event instanceof BuildEvent.StepFinished finished) {
      line.add("step", finished.step()).add("durationMillis", finished.duration().toMillis());
    } else if (event instanceof BuildEvent.StepFailed failed) {
      line.add("step", failed.step()).add("durationMillis", failed.duration().toMillis()).add("error", failed.error());
    } else if (event instanceof BuildEvent.Activity activity) {
      line.add("text", activity.text());
    } else if (event instanceof BuildEvent.Transfer transfer) {
      if (!dueForWriting(transfer)) {
        return;
      }
      line.add("name", transfer.name()).add("done", transfer.done()).add("total", transfer.total());
    }
    write(line);
  }

  @Override
  public synchronized void succeeded(BuildResult result) {
    write(start("build-finished").add("imageDigest", result.imageDigest()).add("configDigest", result.configDigest())
        .add("references", result.references()).add("pushed", result.pushed()));
  }

  @Override
  public synchronized void failed(BuildException failure) {
    write(start("build-failed").add("message", failure.getMessage()).add("details", failure.details()));
  }

  @Override
  public boolean wantsHumanMessages() {
    return false;
  }

  private static String type(BuildEvent event) {
    if (event instanceof BuildEvent.StepStarted) {
      return "step-started";
    } else if (event instanceof BuildEvent.StepOutput) {
      return "step-output";
    } else if (event instanceof BuildEvent.StepCached) {
      return "step-cached";
    } else if (event instanceof BuildEvent.StepFinished) {
      return "step-finished";
    } else if (event instanceof BuildEvent.StepFailed) {
      return "step-failed";
    } else if (event instanceof BuildEvent.Activity) {
      return "activity";
    } else {
      return "transfer";
    }
  }

  private boolean dueForWriting(BuildEvent.Transfer transfer) {
    long now = System.nanoTime();
    Long last = lastTransferWritten.get(transfer.name());
    boolean complete = transfer.total() > 0 && transfer.done() >= transfer.total();
    if (last != null && !complete && now - last < TRANSFER_INTERVAL_NANOS) {
      return false;
    }
    if (complete) {
      lastTransferWritten.remove(transfer.name());
    } else {
      lastTransferWritten.put(transfer.name(), now);
    }
    return true;
  }

  private JsonLine start(String type) {
    return new JsonLine().add("time", clock.instant().toString()).add("type", type);
  }

  private void write(JsonLine line) {
    out.println(line);
    out.flush();
  }
}
