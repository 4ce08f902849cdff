package dev.jbuild.api;

/**
 * Receives {@link BuildEvent}s. Called from build threads, possibly concurrently: an
 * implementation must be thread-safe and quick (it should not block the build).
 */
@FunctionalInterface
public interface BuildListener {
  BuildListener NONE = event -> {};

  void onEvent(BuildEvent event);
}
