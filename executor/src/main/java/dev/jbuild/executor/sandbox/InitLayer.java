package dev.jbuild.executor.sandbox;

import dev.jbuild.executor.layers.OverlayForm;
import dev.jbuild.executor.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-step layer placed above the image's layers, holding the mount points a step needs
 * (/proc, /dev, /sys, /etc/hosts, /etc/resolv.conf, /etc/hostname) whether or not the image has
 * them, as docker's "-init" layer does. Because they exist in a lower layer, mounting over them
 * never copies anything up, so none of them ends up in the step's upper dir (its layer).
 *
 * <p>Directories here hide the attributes of the same directories below them in the merged view,
 * so they copy mode, owner and mtime from the top-most layer that has them.
 */
final class InitLayer {
  static final List<String> PROVIDED_FILES = List.of("etc/hosts", "etc/hostname", "etc/resolv.conf");
  private static final List<String> MOUNT_DIRECTORIES = List.of("proc", "dev", "sys");

  private InitLayer() {}

  /**
   * Creates the layer at {@code directory} for {@code lowerDirs} (top-most first) and returns the
   * provided files it made mount points for: none when the image's /etc is not a directory.
   */
  static List<String> create(Path directory, List<Path> lowerDirs) throws IOException {
    Files.createDirectory(directory);
    Linux.changeMode(directory, 0755);
    for (String name : MOUNT_DIRECTORIES) {
      Path existing = topMost(lowerDirs, name);
      mirrorDirectory(directory.resolve(name), existing != null && isDirectory(existing) ? existing : null);
    }
    Path etc = topMost(lowerDirs, "etc");
    if (etc != null && !isDirectory(etc)) {
      return List.of(); // an image whose /etc is a symlink or file: leave it alone
    }
    Path initEtc = directory.resolve("etc");
    mirrorDirectory(initEtc, etc);
    List<String> provided = new ArrayList<>();
    for (String file : PROVIDED_FILES) {
      Path mountPoint = directory.resolve(file);
      Files.createFile(mountPoint);
      Linux.changeMode(mountPoint, 0644);
      provided.add(file);
    }
    if (etc != null) {
      Linux.setTimes(initEtc, lastModified(etc)); // creating the files above changed it
    }
    return provided;
  }

  /**
   * What the merged view shows at top-level {@code name}: the entry of the top-most layer having
   * it, or null when it is absent or removed by a whiteout or an opaque root above.
   */
  static Path topMost(List<Path> lowerDirs, String name) throws IOException {
    for (Path layer : lowerDirs) {
      Path candidate = layer.resolve(name);
      Map<String, Object> attributes;
      try {
        attributes = Files.readAttributes(candidate, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        if (OverlayForm.isOpaque(layer)) {
          return null;
        }
        continue;
      }
      return OverlayForm.isWhiteout((Integer) attributes.get("mode"), (Long) attributes.get("rdev")) ? null : candidate;
    }
    return null;
  }

  /** Copies the root directory's mode and owner of the top-most layer onto {@code directory}. */
  static void mirrorRoot(Path directory, List<Path> lowerDirs) throws IOException {
    if (lowerDirs.isEmpty()) {
      Linux.changeOwner(directory, 0, 0);
      Linux.changeMode(directory, 0755);
      return;
    }
    Map<String, Object> attributes = Files.readAttributes(lowerDirs.get(0), "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
    Linux.changeOwner(directory, (Integer) attributes.get("uid"), (Integer) attributes.get("gid"));
    Linux.changeMode(directory, (Integer) attributes.get("mode") & 07777);
  }

  private static void mirrorDirectory(Path directory, Path original) throws IOException {
    Files.createDirectory(directory);
    if (original == null) {
      Linux.changeMode(directory, 0755);
      return;
    }
    Map<String, Object> attributes = Files.readAttributes(original, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
    Linux.changeOwner(directory, (Integer) attributes.get("uid"), (Integer) attributes.get("gid"));
    Linux.changeMode(directory, (Integer) attributes.get("mode") & 07777);
    Linux.setTimes(directory, lastModified(original));
  }

  private static boolean isDirectory(Path path) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static java.time.Instant lastModified(Path path) throws IOException {
    FileTime time = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
    return time.toInstant();
  }
}
