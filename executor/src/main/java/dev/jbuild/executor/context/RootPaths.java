package dev.jbuild.executor.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves paths inside a root filesystem the way a process chrooted into it would: symlinks
 * (absolute or relative) are followed relative to the root, and {@code ..} never climbs above
 * it. Used for image root filesystems, where {@code /bin -> usr/bin} is common and absolute links
 * must not escape to the host.
 */
public final class RootPaths {
  private static final int MAX_LINKS = 255;

  private RootPaths() {}

  /**
   * The host path of {@code path} inside {@code root}. Missing components are kept as they are
   * (the result may not exist). The last component is followed only when {@code followLast}.
   *
   * @throws IOException when the symlinks loop
   */
  public static Path resolve(Path root, String path, boolean followLast) throws IOException {
    Deque<String> pending = new ArrayDeque<>(parts(path));
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (part.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path current = join(root, resolved).resolve(part);
      boolean isLast = pending.isEmpty();
      if ((!isLast || followLast) && Files.isSymbolicLink(current)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links resolving " + path);
        }
        String target = Files.readSymbolicLink(current).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> targetParts = parts(target);
        for (int i = targetParts.size() - 1; i >= 0; i--) {
          pending.addFirst(targetParts.get(i));
        }
        continue;
      }
      resolved.add(part);
    }
    return join(root, resolved);
  }

  /** The image path (absolute, slash-separated) of a host path below {@code root}. */
  public static String imagePath(Path root, Path hostPath) {
    Path relative = root.relativize(hostPath);
    String text = relative.toString();
    return text.isEmpty() ? "/" : "/" + text;
  }

  static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static List<String> parts(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static Path join(Path root, List<String> parts) {
    Path path = root;
    for (String part : parts) {
      path = path.resolve(part);
    }
    return path;
  }
}
