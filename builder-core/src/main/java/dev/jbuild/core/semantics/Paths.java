package dev.jbuild.core.semantics;

import java.util.ArrayDeque;
import java.util.Deque;

/** Slash-separated image paths, cleaned as Go's path.Clean does. */
public final class Paths {
  private Paths() {}

  /** {@code path} made absolute against {@code base} and cleaned. */
  public static String join(String base, String path) {
    if (path.startsWith("/")) {
      return clean(path);
    }
    return clean(base + "/" + path);
  }

  /** Go's path.Clean for absolute paths: no empty, {@code .} or {@code ..} elements. */
  public static String clean(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return "/" + String.join("/", parts);
  }
}
