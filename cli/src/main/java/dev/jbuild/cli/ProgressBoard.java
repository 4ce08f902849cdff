package dev.jbuild.cli;

import dev.jbuild.api.BuildEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live view knows about a build: one row per step, activity (resolving, pushing...)
 * and transfer, in the order they appeared, with start and end times and a running step's last
 * output lines. Events carry no end for activities, so an activity is taken to have ended when
 * the next activity or step begins. Thread-safe: fed by build threads, read by the render thread
 * through {@link #snapshot()}.
 */
final class ProgressBoard {
  /** How many output lines of a running step are kept (and shown). */
  static final int OUTPUT_LINES = 6;

  enum Kind { STEP, ACTIVITY, TRANSFER }

  /** One row as it was when the snapshot was taken; {@code endedNanos} is -1 while running. */
  record Row(Kind kind, String label, long startedNanos, long endedNanos, boolean cached, boolean failed,
      List<String> output, long done, long total) {
    Row {
      output = List.copyOf(output);
    }

    boolean running() {
      return endedNanos < 0;
    }
  }

  /** The board at one moment. */
  record Snapshot(long startedNanos, List<Row> rows) {
    Snapshot {
      rows = List.copyOf(rows);
    }

    long completed() {
      return rows.stream().filter(row -> !row.running()).count();
    }
  }

  private static final class MutableRow {
    final Kind kind;
    final String label;
    final long startedNanos;
    long endedNanos = -1;
    boolean cached;
    boolean failed;
    final Deque<String> output = new ArrayDeque<>();
    long done;
    long total;

    MutableRow(Kind kind, String label, long startedNanos) {
      this.kind = kind;
      this.label = label;
      this.startedNanos = startedNanos;
    }

    void end(long now) {
      if (endedNanos < 0) {
        endedNanos = now;
      }
    }

    Row freeze() {
      return new Row(kind, label, startedNanos, endedNanos, cached, failed, new ArrayList<>(output), done, total);
    }
  }

  private final long startedNanos;
  private final List<MutableRow> rows = new ArrayList<>();
  private final Map<Integer, MutableRow> steps = new HashMap<>();
  private final Map<String, MutableRow> transfers = new HashMap<>();
  private MutableRow activity;

  ProgressBoard(long startedNanos) {
    this.startedNanos = startedNanos;
  }

  synchronized void apply(BuildEvent event, long now) {
    if (event instanceof BuildEvent.StepStarted started) {
      endActivity(now);
      MutableRow row = add(Kind.STEP, "[" + started.stage() + " " + started.position() + "/" + started.total() + "] "
          + TerminalText.singleLine(started.instruction()), now);
      steps.put(started.step(), row);
    } else if (event instanceof BuildEvent.StepOutput output) {
      MutableRow row = steps.get(output.step());
      if (row != null) {
        row.output.addLast(TerminalText.sanitize(output.line()));
        while (row.output.size() > OUTPUT_LINES) {
          row.output.removeFirst();
        }
      }
    } else if (event instanceof BuildEvent.StepCached cached) {
      MutableRow row = steps.get(cached.step());
      if (row != null) {
        row.cached = true;
        row.end(now);
      }
    } else if (event instanceof BuildEvent.StepFinished finished) {
      MutableRow row = steps.get(finished.step());
      if (row != null) {
        row.end(now);
      }
    } else if (event instanceof BuildEvent.StepFailed failed) {
      MutableRow row = steps.get(failed.step());
      if (row != null) {
        row.failed = true;
        row.end(now);
      }
    } else if (event instanceof BuildEvent.Activity text) {
      endActivity(now);
      activity = add(Kind.ACTIVITY, TerminalText.singleLine(text.text()), now);
    } else if (event instanceof BuildEvent.Transfer transfer) {
      MutableRow row = transfers.computeIfAbsent(transfer.name(),
          name -> add(Kind.TRANSFER, TerminalText.singleLine(name), now));
      row.done = transfer.done();
      row.total = transfer.total();
      if (transfer.total() > 0 && transfer.done() >= transfer.total()) {
        row.end(now);
      }
    }
  }

  /** The build is over: whatever has not ended ends now. */
  synchronized void endAll(long now) {
    rows.forEach(row -> row.end(now));
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(startedNanos, rows.stream().map(MutableRow::freeze).toList());
  }

  private MutableRow add(Kind kind, String label, long now) {
    MutableRow row = new MutableRow(kind, label, now);
    rows.add(row);
    return row;
  }

  private void endActivity(long now) {
    if (activity != null) {
      activity.end(now);
      activity = null;
    }
  }
}
