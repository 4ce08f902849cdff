package dev.jbuild.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What standard error is connected to: whether it is a terminal, whether that terminal
 * understands ANSI cursor movement ({@code TERM} is set and not {@code dumb}), and its size.
 * Linux-only, like jbuild: the terminal is found through {@code /proc/self/fd/2}.
 */
record Terminal(Optional<Path> device, String term, int columns, int rows) {
  static final int DEFAULT_COLUMNS = 80;
  static final int DEFAULT_ROWS = 24;

  Terminal {
    term = term == null ? "" : term;
    columns = columns > 0 ? columns : DEFAULT_COLUMNS;
    rows = rows > 0 ? rows : DEFAULT_ROWS;
  }

  /** Standard error is a terminal device (not a file or a pipe). */
  boolean isInteractive() {
    return device.isPresent();
  }

  /** ANSI redraw will not garble the output: {@code TERM} names a real terminal type. */
  boolean understandsAnsi() {
    return !term.isEmpty() && !term.equals("dumb");
  }

  /** The size, asked only when a live view will be drawn: it costs a process start. */
  Terminal withMeasuredSize(Map<String, String> environment) {
    int measuredColumns = number(environment.get("COLUMNS"));
    int measuredRows = number(environment.get("LINES"));
    if (device.isPresent() && (measuredColumns <= 0 || measuredRows <= 0)) {
      int[] size = stty(device.get());
      measuredColumns = measuredColumns > 0 ? measuredColumns : size[1];
      measuredRows = measuredRows > 0 ? measuredRows : size[0];
    }
    return new Terminal(device, term, measuredColumns, measuredRows);
  }

  /** The terminal standard error is connected to, as seen from this process. */
  static Terminal ofStandardError(Map<String, String> environment) {
    return new Terminal(standardErrorDevice(), environment.get("TERM"), 0, 0);
  }

  private static Optional<Path> standardErrorDevice() {
    try {
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
      String name = target.toString();
      boolean terminal = name.startsWith("/dev/pts/") || name.matches("/dev/tty[0-9]*") || name.equals("/dev/console");
      return terminal ? Optional.of(target) : Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** {@code stty size} of {@code device}: rows and columns, or zeros when it cannot tell. */
  private static int[] stty(Path device) {
    try {
      Process process = new ProcessBuilder("stty", "size")
          .redirectInput(ProcessBuilder.Redirect.from(device.toFile()))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (!process.waitFor(2, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return new int[] {0, 0};
      }
      String[] parts = output.split("\\s+");
      return parts.length == 2 ? new int[] {number(parts[0]), number(parts[1])} : new int[] {0, 0};
    } catch (IOException e) {
      return new int[] {0, 0};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new int[] {0, 0};
    }
  }

  private static int number(String text) {
    if (text == null || !text.matches("[0-9]{1,5}")) {
      return 0;
    }
    return Integer.parseInt(text);
  }
}
