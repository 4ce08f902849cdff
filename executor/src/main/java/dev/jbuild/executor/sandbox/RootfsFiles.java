package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads files of a root file system from outside it, resolving symlinks as they would resolve
 * inside (absolute targets start at the root, {@code ..} stops there), so an image's
 * {@code /etc/passwd -> /usr/lib/passwd} works and no symlink leads to the host's files.
 */
final class RootfsFiles {
  private static final int MAX_SYMLINKS = 40;
  private static final long MAX_SIZE = 16 * 1024 * 1024;

  private RootfsFiles() {}

  /** The text of {@code absolutePath} inside {@code root}, empty when it does not exist or is no regular file. */
  static Optional<String> readText(Path root, String absolutePath) throws IOException {
    Optional<Path> file = resolve(root, absolutePath);
    if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (Files.size(file.get()) > MAX_SIZE) {
      throw new IOException(absolutePath + " is larger than " + MAX_SIZE + " bytes");
    }
    return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8));
  }

  /** Where {@code absolutePath} of the root file system is, symlinks resolved within it. */
  static Optional<Path> resolve(Path root, String absolutePath) throws IOException {
    Deque<String> pending = new ArrayDeque<>(List.of(absolutePath.split("/")));
    List<String> resolved = new ArrayList<>();
    int symlinks = 0;
    while (!pending.isEmpty()) {
      String component = pending.removeFirst();
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (component.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path candidate = join(root, resolved).resolve(component);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
      if (attributes.isSymbolicLink()) {
        if (++symlinks > MAX_SYMLINKS) {
          throw new IOException("too many symlinks resolving " + absolutePath);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> targetComponents = List.of(target.split("/"));
        for (int i = targetComponents.size() - 1; i >= 0; i--) {
          pending.addFirst(targetComponents.get(i));
        }
        continue;
      }
      resolved.add(component);
    }
    return Optional.of(join(root, resolved));
  }

  private static Path join(Path root, List<String> components) {
    Path path = root;
    for (String component : components) {
      path = path.resolve(component);
    }
    return path;
  }
}
