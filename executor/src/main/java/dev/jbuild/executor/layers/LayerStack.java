package dev.jbuild.executor.layers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only merged view of layer directories in overlayfs form (top-most first), computed in
 * Java with overlayfs's rules (whiteouts hide, opaque directories hide what is below them),
 * without mounting anything. Paths are image paths ({@code /etc/passwd}); symlinks in them are
 * followed inside the stack, never on the host. Used to read a stage's files for COPY/ADD
 * (destinations, parents, --chown names, --from sources). Thread-safe (it holds no state).
 */
public final class LayerStack {
  private static final int MAX_LINKS = 255;

  private final List<Path> layers;

  public LayerStack(List<Path> layersTopFirst) {
    this.layers = List.copyOf(layersTopFirst);
  }

  /** An entry of the merged view: its image path after symlinks, and the host file that provides it. */
  public record Entry(String imagePath, Path hostPath) {
    public boolean isDirectory() {
      return Files.isDirectory(hostPath, LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isSymbolicLink() {
      return Files.isSymbolicLink(hostPath);
    }
  }

  /**
   * The entry at {@code imagePath}, symlinks in its parents followed inside the stack and the
   * last component followed only when {@code followLast}; empty when it does not exist.
   *
   * @throws IOException when symlinks loop
   */
  public Optional<Entry> lookup(String imagePath, boolean followLast) throws IOException {
    Resolution resolution = resolve(imagePath, followLast);
    return resolution.entry() == null ? Optional.empty() : Optional.of(new Entry(resolution.path(), resolution.entry()));
  }

  /**
   * The image path {@code imagePath} stands for once symlinks are followed (also for a path that
   * does not exist: its existing parents are resolved and the rest kept as written).
   */
  public String resolvePath(String imagePath, boolean followLast) throws IOException {
    return resolve(imagePath, followLast).path();
  }

  /** The names in merged directory {@code directoryPath} (resolved), sorted; empty when it is not a directory. */
  public List<String> list(String directoryPath) throws IOException {
    Optional<Entry> directory = lookup(directoryPath, true);
    if (directory.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (Entry child : children(directory.get())) {
      names.add(child.hostPath().getFileName().toString());
    }
    return names;
  }

  /**
   * The entries of merged directory {@code directory} (an entry this stack returned), sorted by
   * name, in one pass over the layers: what copying a whole tree needs, without resolving every
   * child's path from the root again.
   */
  public List<Entry> children(Entry directory) throws IOException {
    if (!directory.isDirectory()) {
      return List.of();
    }
    String path = directory.imagePath();
    java.util.TreeMap<String, Entry> children = new java.util.TreeMap<>();
    Set<String> decided = new HashSet<>();
    for (Path layer : layers) {
      Path host = host(layer, path);
      if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
        if (hidesBelow(layer, path)) {
          break;
        }
        continue;
      }
      if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
        break; // a file or whiteout here ends the directory for the layers below
      }
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(host)) {
        for (Path child : stream) {
          String name = child.getFileName().toString();
          if (decided.add(name) && !isWhiteout(child)) {
            children.put(name, new Entry(path.equals("/") ? "/" + name : path + "/" + name, child));
          }
        }
      }
      if (OverlayForm.isOpaque(host)) {
        break;
      }
    }
    return new ArrayList<>(children.values());
  }

  private record Resolution(String path, Path entry) {}

  private Resolution resolve(String imagePath, boolean followLast) throws IOException {
    Deque<String> pending = new ArrayDeque<>(parts(imagePath));
    List<String> resolved = new ArrayList<>();
    Path entry = null;
    int links = 0;
    while (!pending.isEmpty()) {
      String part = pending.removeFirst();
      if (part.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        entry = null;
        continue;
      }
      String candidate = join(resolved) + "/" + part;
      Path found = find(candidate);
      boolean last = pending.isEmpty();
      if (found != null && Files.isSymbolicLink(found) && (!last || followLast)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links resolving " + imagePath);
        }
        String target = Files.readSymbolicLink(found).toString();
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
      entry = found;
      if (found == null && !last) {
        // A missing parent: keep the rest as written, nothing below it exists.
        while (!pending.isEmpty()) {
          resolved.add(pending.removeFirst());
        }
        return new Resolution(join(resolved), null);
      }
    }
    String path = join(resolved);
    if (resolved.isEmpty()) {
      return new Resolution("/", rootHost());
    }
    return new Resolution(path, entry);
  }

  /** The host file providing {@code imagePath} (parents already resolved), or null when absent. */
  private Path find(String imagePath) throws IOException {
    String parent = imagePath.substring(0, imagePath.lastIndexOf('/'));
    for (Path layer : layers) {
      Path host = host(layer, imagePath);
      if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
        return isWhiteout(host) ? null : host;
      }
      if (hidesBelow(layer, parent)) {
        return null;
      }
    }
    return null;
  }

  /** Whether this layer's copy of directory {@code imagePath} hides the layers below it. */
  private static boolean hidesBelow(Path layer, String imagePath) throws IOException {
    Path host = host(layer, imagePath);
    if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    return !Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS) || OverlayForm.isOpaque(host);
  }

  /** A host directory standing for {@code /}: the top layer (every layer has a root). */
  private Path rootHost() {
    return layers.isEmpty() ? null : layers.get(0);
  }

  private static boolean isWhiteout(Path path) throws IOException {
    try {
      Map<String, Object> attributes = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
      return OverlayForm.isWhiteout((Integer) attributes.get("mode"), (Long) attributes.get("rdev"));
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static Path host(Path layer, String imagePath) {
    Path path = layer;
    for (String part : parts(imagePath)) {
      path = path.resolve(part);
    }
    return path;
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

  private static String join(List<String> parts) {
    return parts.isEmpty() ? "" : "/" + String.join("/", parts);
  }
}
