package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Work done on a merged root file system by {@link RootfsView#withMergedRoot}. It runs on a thread
 * whose mount namespace alone sees the merged view: it must not hand work to other threads (they
 * would not see it, and threads it starts would keep the namespace alive).
 */
@FunctionalInterface
public interface RootfsFunction<T> {
  T apply(Path mergedRoot) throws IOException;
}
