package dev.jbuild.executor.context;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A build context directory and its {@code .dockerignore}. Resolves COPY/ADD source patterns to
 * context files; ignored files are invisible and nothing outside the directory is ever returned.
 * Thread-safe.
 */
public final class BuildContext {
  private final Path root;
  private final DockerIgnore ignore;

  public BuildContext(Path root, DockerIgnore ignore) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.ignore = Objects.requireNonNull(ignore, "ignore");
  }

  /**
   * Opens {@code root}, reading {@code <dockerfile>.dockerignore} next to the Dockerfile when it
   * exists (it wins, as in BuildKit), otherwise the context's {@code .dockerignore}.
   */
  public static BuildContext open(Path root, Path dockerfile) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("build context " + root + " is not a directory");
    }
    if (dockerfile != null) {
      Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
      if (Files.isRegularFile(specific)) {
        return new BuildContext(root, DockerIgnore.read(specific));
      }
    }
    return new BuildContext(root, DockerIgnore.read(root.resolve(".dockerignore")));
  }

  public Path root() {
    return root;
  }

  public DockerIgnore ignore() {
    return ignore;
  }

  /** True when the context-relative path is hidden by {@code .dockerignore}. */
  public boolean isIgnored(String relativePath) {
    return !relativePath.isEmpty() && ignore.isIgnored(relativePath);
  }

  /**
   * The context entries a COPY source names: one for a plain path, any number for a wildcard.
   *
   * @throws SourceNotFoundException when nothing matches
   * @throws IOException when the source leaves the context or cannot be read
   */
  public List<ContextEntry> resolve(String source) throws IOException {
    String relative = relativeInside(source);
    if (relative.isEmpty()) {
      return List.of(new ContextEntry(root, ""));
    }
    List<ContextEntry> matches = new ArrayList<>();
    match(root, "", relative.split("/"), 0, matches);
    if (matches.isEmpty()) {
      throw new SourceNotFoundException(source);
    }
    List<ContextEntry> followed = new ArrayList<>(matches.size());
    for (ContextEntry entry : matches) {
      followed.add(followTopLevel(entry));
    }
    return followed;
  }

  /**
   * The source made relative to the context root. Like docker, a source that climbs out of the
   * context ({@code ../x}) is refused rather than clamped.
   */
  private String relativeInside(String source) throws IOException {
    String cleaned = dev.jbuild.core.semantics.Paths.clean("/" + source);
    int depth = 0;
    for (String part : source.split("/")) {
      if (part.equals("..")) {
        depth--;
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
      if (depth < 0) {
        throw new IOException("forbidden path outside the build context: " + source);
      }
    }
    return cleaned.substring(1);
  }

  private void match(Path directory, String prefix, String[] parts, int index, List<ContextEntry> matches)
      throws IOException {
    String part = parts[index];
    boolean last = index == parts.length - 1;
    if (!hasWildcard(part)) {
      String name = unescape(part);
      Path candidate = directory.resolve(name);
      String relative = prefix.isEmpty() ? name : prefix + "/" + name;
      if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) || isIgnored(relative)) {
        return;
      }
      if (last) {
        matches.add(new ContextEntry(candidate, relative));
      } else if (Files.isDirectory(candidate)) {
        match(candidate, relative, parts, index + 1, matches);
      }
      return;
    }
    if (!Files.isDirectory(directory)) {
      return;
    }
    Pattern pattern = DockerIgnore.toRegex(part);
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(children::add);
    }
    children.sort(null);
    for (Path child : children) {
      String name = child.getFileName().toString();
      String relative = prefix.isEmpty() ? name : prefix + "/" + name;
      if (!pattern.matcher(name).matches() || isIgnored(relative)) {
        continue;
      }
      if (last) {
        matches.add(new ContextEntry(child, relative));
      } else if (Files.isDirectory(child)) {
        match(child, relative, parts, index + 1, matches);
      }
    }
  }

  /** A symlinked source is followed, as docker does, and must land inside the context. */
  private ContextEntry followTopLevel(ContextEntry entry) throws IOException {
    if (!Files.isSymbolicLink(entry.path())) {
      return entry;
    }
    Path real;
    try {
      real = entry.path().toRealPath();
    } catch (IOException e) {
      throw new SourceNotFoundException(entry.relativePath() + " (a dangling symlink)");
    }
    if (!real.startsWith(root.toRealPath())) {
      throw new IOException("forbidden path outside the build context: " + entry.relativePath()
          + " is a symlink to " + real);
    }
    return new ContextEntry(real, entry.relativePath());
  }

  static boolean hasWildcard(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String part) {
    return part.replaceAll("\\\\(.)", "$1");
  }

  /** A source found in the context: its absolute path and its slash-separated relative path. */
  public record ContextEntry(Path path, String relativePath) {}

  /** A COPY/ADD source that names nothing in the context. */
  public static final class SourceNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public SourceNotFoundException(String source) {
      super("file not found in build context or excluded by .dockerignore: " + source);
    }
  }
}
