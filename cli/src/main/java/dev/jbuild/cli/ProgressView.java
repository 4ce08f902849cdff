package dev.jbuild.cli;

import dev.jbuild.api.BuildException;
import dev.jbuild.api.BuildListener;
import dev.jbuild.api.BuildResult;

/**
 * One way of showing a build on standard error ({@code --progress}). It receives the build's
 * events, then exactly one of {@link #succeeded} or {@link #failed}, after which it writes
 * nothing more. Events may arrive from several build threads at once.
 */
interface ProgressView extends BuildListener {
  /** The build produced {@code result}. */
  void succeeded(BuildResult result);

  /** The build failed with {@code failure}. */
  void failed(BuildException failure);

  /** Whether the CLI should print its own human-readable result and error lines. */
  default boolean wantsHumanMessages() {
    return true;
  }

  /** Shows nothing ({@code --progress=quiet}, {@code -q}). */
  ProgressView QUIET = new ProgressView() {
    @Override
    public void onEvent(dev.jbuild.api.BuildEvent event) {}

    @Override
    public void succeeded(BuildResult result) {}

    @Override
    public void failed(BuildException failure) {}
  };
}
