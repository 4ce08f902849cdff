package dev.jbuild.cli;

import dev.jbuild.cli.ProgressBoard.Kind;
import dev.jbuild.cli.ProgressBoard.Row;
import dev.jbuild.cli.ProgressBoard.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link ProgressBoard.Snapshot} as the lines of BuildKit-like live view: a header with
 * the elapsed time and completed/seen rows, one line per row with its duration on the right
 * ({@code CACHED} and {@code ERROR} marks, byte counts and a bar for transfers), and under each
 * running step its last output lines. Pure: the same snapshot, time and size give the same lines;
 * no line is wider than {@code columns - 1}, so the terminal never wraps one.
 */
final class TtyRenderer {
  static final int BAR_WIDTH = 20;

  private TtyRenderer() {}

  /** The live view, at most {@code rows - 1} lines (the cursor's line stays free). */
  static List<String> live(Snapshot snapshot, long now, int columns, int rows) {
    int width = Math.max(20, columns - 1);
    int maxLines = Math.max(2, rows - 1);
    List<Row> shown = new ArrayList<>(snapshot.rows());
    // Too tall: hide the oldest finished rows first, then shorten the output of running steps.
    while (height(shown, ProgressBoard.OUTPUT_LINES) > maxLines && shown.stream().anyMatch(row -> !row.running())) {
      shown.remove(shown.stream().filter(row -> !row.running()).findFirst().orElseThrow());
    }
    int outputLines = ProgressBoard.OUTPUT_LINES;
    while (outputLines > 0 && height(shown, outputLines) > maxLines) {
      outputLines--;
    }
    List<String> lines = new ArrayList<>();
    lines.add(header(snapshot, now, width, ""));
    for (Row row : shown) {
      lines.add(rowLine(row, now, width));
      if (row.kind() == Kind.STEP && row.running()) {
        List<String> output = row.output();
        for (String line : output.subList(Math.max(0, output.size() - outputLines), output.size())) {
          lines.add(TerminalText.truncate(" => => # " + line, width));
        }
      }
    }
    // Still too tall (more running rows than lines): keep the header and the newest rows.
    if (lines.size() > maxLines) {
      List<String> kept = new ArrayList<>();
      kept.add(lines.get(0));
      kept.addAll(lines.subList(lines.size() - (maxLines - 1), lines.size()));
      return kept;
    }
    return lines;
  }

  /** The final view: header marked FINISHED or FAILED and one line per row, no output. */
  static List<String> summary(Snapshot snapshot, long now, int columns, boolean failed) {
    int width = Math.max(20, columns - 1);
    List<String> lines = new ArrayList<>();
    lines.add(header(snapshot, now, width, failed ? " FAILED" : " FINISHED"));
    for (Row row : snapshot.rows()) {
      lines.add(rowLine(row, now, width));
    }
    return lines;
  }

  private static int height(List<Row> rows, int outputLines) {
    int height = 1;
    for (Row row : rows) {
      height += 1;
      if (row.kind() == Kind.STEP && row.running()) {
        height += Math.min(outputLines, row.output().size());
      }
    }
    return height;
  }

  private static String header(Snapshot snapshot, long now, int width, String state) {
    return TerminalText.truncate(String.format(Locale.ROOT, "[+] Building %s (%d/%d)%s",
        seconds(now - snapshot.startedNanos()), snapshot.completed(), snapshot.rows().size(), state), width);
  }

  private static String rowLine(Row row, long now, int width) {
    String mark = row.failed() ? "ERROR " : row.cached() ? "CACHED " : "";
    String right = seconds((row.running() ? now : row.endedNanos()) - row.startedNanos());
    if (row.kind() == Kind.TRANSFER) {
      right = bytes(row) + "  " + right;
    }
    return fit(" => " + mark + row.label(), right, width);
  }

  private static String bytes(Row row) {
    if (row.total() <= 0) {
      return ByteSizes.format(row.done());
    }
    if (!row.running()) {
      return ByteSizes.format(row.total());
    }
    return ByteSizes.format(row.done()) + " / " + ByteSizes.format(row.total()) + " " + bar(row.done(), row.total());
  }

  /** {@code [=======>            ]}: how much of a transfer is done. */
  static String bar(long done, long total) {
    int filled = (int) Math.min(BAR_WIDTH, total <= 0 ? 0 : done * BAR_WIDTH / total);
    StringBuilder bar = new StringBuilder("[");
    for (int index = 0; index < BAR_WIDTH; index++) {
      bar.append(index < filled - 1 || filled == BAR_WIDTH ? '=' : index == filled - 1 ? '>' : ' ');
    }
    return bar.append(']').toString();
  }

  /** {@code left} and {@code right} on one line of {@code width}, the left cut when both do not fit. */
  private static String fit(String left, String right, int width) {
    int room = width - TerminalText.width(right) - 1;
    if (room < 8) {
      return TerminalText.truncate(left, width);
    }
    String cut = TerminalText.truncate(left, room);
    return cut + " ".repeat(room - TerminalText.width(cut) + 1) + right;
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", Math.max(0, nanos) / 1e9);
  }
}
