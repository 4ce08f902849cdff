package dev.jbuild.executor.sandbox;

/** Thread helpers. */
final class Threads {
  private Threads() {}

  /** Waits for {@code thread} to end even if interrupted meanwhile, then restores the interrupt. */
  static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
