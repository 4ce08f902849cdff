package dev.jbuild.registry;

import dev.jbuild.core.image.Descriptor;

/**
 * Receives the progress of a push, blob by blob, so that a user interface can show it. Called
 * from upload threads, possibly concurrently: implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface PushProgress {
  PushProgress NONE = (blob, bytesSent) -> {};

  /**
   * {@code bytesSent} of {@code blob} have been sent to the registry so far. A retried upload
   * starts again from 0. A blob the registry already has, or mounts from another repository,
   * reports {@code blob.size()} once without anything being sent, so that it counts as done.
   */
  void sent(Descriptor blob, long bytesSent);
}
