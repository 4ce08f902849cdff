package dev.jbuild.api;

import dev.jbuild.executor.pipeline.BuildPipeline;

/**
 * Builds images from Dockerfiles, in process, with no daemon. Thread-safe: each call is an
 * independent build (several may share one cache directory).
 */
public final class ImageBuilder {
  /**
   * Runs one build.
   *
   * @throws BuildException with a one-line message when the build fails
   * @throws InterruptedException when the calling thread is interrupted (the running step is
   *     stopped and nothing is left mounted or running)
   */
  public BuildResult build(BuildRequest request, BuildListener listener) throws BuildException, InterruptedException {
    return new BuildPipeline(request, listener == null ? BuildListener.NONE : listener).run();
  }
}
