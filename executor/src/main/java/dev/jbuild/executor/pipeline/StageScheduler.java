package dev.jbuild.executor.pipeline;

import dev.jbuild.core.plan.BuildPlan;
import dev.jbuild.core.plan.StagePlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the stages the target needs as a graph: each stage starts as soon as the stages it depends
 * on are done, at most {@code jobs} at a time, so independent stages overlap. The first failure
 * cancels the other stages (their running steps are interrupted, which stops their processes)
 * and is the one reported.
 */
final class StageScheduler {
  private StageScheduler() {}

  /** A stage's work, run on a scheduler thread. */
  interface StageWork {
    StageResult run(StagePlan stage, Map<Integer, StageResult> finished) throws BuildStepException, InterruptedException;
  }

  static Map<Integer, StageResult> run(BuildPlan plan, StageWork work, int jobs)
      throws BuildStepException, InterruptedException {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), runnable -> {
      Thread thread = new Thread(runnable, "jbuild-stage-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    Map<Integer, StageResult> finished = new ConcurrentHashMap<>();
    Map<Integer, CompletableFuture<StageResult>> futures = new HashMap<>();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    try {
      for (int index : plan.order()) {
        StagePlan stage = plan.stages().get(index);
        List<CompletableFuture<StageResult>> dependencies = stage.dependencies().stream()
            .map(futures::get).filter(java.util.Objects::nonNull).toList();
        CompletableFuture<StageResult> future = CompletableFuture
            .allOf(dependencies.toArray(CompletableFuture[]::new))
            .thenApplyAsync(ignored -> {
              try {
                StageResult result = work.run(stage, finished);
                finished.put(stage.index(), result);
                return result;
              } catch (BuildStepException | InterruptedException | RuntimeException e) {
                firstFailure.compareAndSet(null, e);
                pool.shutdownNow(); // cancel the others promptly: interrupts their running steps
                throw new CompletionException(e);
              }
            }, pool);
        futures.put(index, future);
      }
      try {
        CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).get();
      } catch (ExecutionException | CancellationException e) {
        // reported below from firstFailure
      }
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // a stage failed while later ones were still being scheduled
    } finally {
      pool.shutdownNow();
      awaitCleanUp(pool);
    }
    Throwable failure = firstFailure.get();
    if (failure instanceof BuildStepException step) {
      throw step;
    }
    if (failure instanceof InterruptedException interrupted) {
      throw interrupted;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("build interrupted");
    }
    return finished;
  }

  /**
   * Waits for cancelled stages to clean up (temporary directories, sandboxed processes), even
   * when the caller itself was interrupted, and keeps the caller's interrupt.
   */
  private static void awaitCleanUp(ExecutorService pool) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!pool.isTerminated() && System.nanoTime() < deadline) {
      try {
        pool.awaitTermination(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
