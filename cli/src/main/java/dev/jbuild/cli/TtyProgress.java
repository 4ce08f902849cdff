package dev.jbuild.cli;

import dev.jbuild.api.BuildEvent;
import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code --progress=tty}: a live view redrawn in place on standard error by one render thread,
 * at {@link #REFRESH} intervals, with ANSI cursor movement; when the build ends it is replaced
 * by a summary, one line per step. Events only update the {@link ProgressBoard}, so a build
 * thread never waits for the terminal. Thread-safe.
 */
final class TtyProgress implements ProgressView {
  static final Duration REFRESH = Duration.ofMillis(100);

  private static final String CURSOR_UP = "\u001B[%dA";
  private static final String CLEAR_LINE = "\u001B[2K";
  private static final String CLEAR_BELOW = "\u001B[J";

  private final PrintWriter out;
  private final Terminal terminal;
  private final LongSupplier nanoClock;
  private final ProgressBoard board;
  private final Object drawing = new Object();
  private final Thread renderer;
  private int linesOnScreen;
  private boolean finished;

  TtyProgress(PrintWriter out, Terminal terminal, LongSupplier nanoClock) {
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.board = new ProgressBoard(nanoClock.getAsLong());
    this.renderer = new Thread(this::renderUntilFinished, "jbuild-progress");
    renderer.setDaemon(true);
  }

  /** Starts the render thread; call once, before the build. */
  TtyProgress start() {
    renderer.start();
    return this;
  }

  @Override
  public void onEvent(BuildEvent event) {
    board.apply(event, nanoClock.getAsLong());
  }

  @Override
  public void succeeded(BuildResult result) {
    finish(false);
  }

  @Override
  public void failed(BuildException failure) {
    finish(true);
  }

  private void finish(boolean failed) {
    synchronized (drawing) {
      if (finished) {
        return;
      }
      finished = true;
      drawing.notifyAll();
      long now = nanoClock.getAsLong();
      board.endAll(now);
      draw(TtyRenderer.summary(board.snapshot(), now, terminal.columns(), failed));
    }
    try {
      renderer.join(REFRESH.toMillis() * 10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void renderUntilFinished() {
    synchronized (drawing) {
      while (!finished) {
        long now = nanoClock.getAsLong();
        draw(TtyRenderer.live(board.snapshot(), now, terminal.columns(), terminal.rows()));
        try {
          drawing.wait(REFRESH.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Replaces what is on screen with {@code lines}, in one write so the terminal does not flicker. */
  private void draw(List<String> lines) {
    StringBuilder frame = new StringBuilder();
    if (linesOnScreen > 0) {
      frame.append('\r').append(String.format(CURSOR_UP, linesOnScreen));
    }
    for (String line : lines) {
      frame.append(CLEAR_LINE).append(line).append('\n');
    }
    frame.append(CLEAR_BELOW);
    out.print(frame);
    out.flush();
    linesOnScreen = lines.size();
  }
}
