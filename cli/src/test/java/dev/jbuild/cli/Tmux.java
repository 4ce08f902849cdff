package dev.jbuild.cli;

import dev.jbuild.testdata.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A pseudo-terminal for tests: a private tmux server (its own socket, so parallel tests and
 * users' sessions are untouched) running one command in a window of a chosen size, whose screen
 * is read back as text with {@code capture-pane}. Close it to kill the server.
 */
final class Tmux implements AutoCloseable {
  private final String socket = "jbuild-test-" + UUID.randomUUID().toString().substring(0, 8);

  /** Starts {@code shellCommand} in a {@code columns}x{@code rows} terminal. */
  Tmux(String shellCommand, int columns, int rows) {
    Processes.check(tmux("new-session", "-d", "-s", "main", "-x", String.valueOf(columns), "-y", String.valueOf(rows),
        shellCommand), Duration.ofSeconds(30));
  }

  /** The visible screen, and with {@code history} the lines scrolled off above it, as plain text. */
  String screen(boolean history) {
    List<String> command = history
        ? tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "main")
        : tmux("capture-pane", "-p", "-t", "main");
    return Processes.check(command, Duration.ofSeconds(30)).stdout();
  }

  /** Reads the screen until {@code condition} holds; returns that screen. */
  String waitFor(Predicate<String> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String screen = screen(false);
    while (!condition.test(screen)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + "; the screen was:\n" + screen(true));
      }
      Thread.sleep(100);
      screen = screen(false);
    }
    return screen;
  }

  @Override
  public void close() {
    Processes.run(tmux("kill-server"), Duration.ofSeconds(30));
  }

  private List<String> tmux(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
    command.addAll(List.of(args));
    return command;
  }
}
