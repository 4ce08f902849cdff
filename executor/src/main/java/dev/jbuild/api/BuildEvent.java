package dev.jbuild.api;

import java.time.Duration;

/**
 * Something that happened during a build, for progress display. Steps are numbered from 1 in
 * the order they start; {@code stage} is the stage's name or {@code stage-N}.
 */
public sealed interface BuildEvent {
  /** A step began: {@code position}/{@code total} within its stage. */
  record StepStarted(int step, String stage, int position, int total, String instruction) implements BuildEvent {}

  /** One line of a RUN's output. */
  record StepOutput(int step, String line) implements BuildEvent {}

  /** A step was satisfied from the cache without running. */
  record StepCached(int step) implements BuildEvent {}

  /** A step ended successfully. */
  record StepFinished(int step, Duration duration) implements BuildEvent {}

  /** A step failed; the build ends with a BuildException carrying the details. */
  record StepFailed(int step, Duration duration, String error) implements BuildEvent {}

  /** Work outside steps: resolving and pulling base images, exporting, pushing. */
  record Activity(String text) implements BuildEvent {}

  /** Bytes moved for a named transfer (a pull or push of one blob). */
  record Transfer(String name, long done, long total) implements BuildEvent {}
}
