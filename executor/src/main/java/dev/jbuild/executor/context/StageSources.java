package dev.jbuild.executor.context;

import dev.jbuild.executor.layers.LayerStack;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * COPY --from sources: source patterns (with wildcards) resolved in another stage's or image's
 * merged layers, read without mounting them. A symlinked source is followed inside that stack.
 */
public final class StageSources {
  private StageSources() {}

  /** A source found in a stack: the entry (symlink followed) and its path relative to {@code /}. */
  public record StageEntry(LayerStack.Entry entry, String relativePath) {}

  /**
   * @throws BuildContext.SourceNotFoundException when the pattern matches nothing
   */
  public static List<StageEntry> resolve(LayerStack stack, String pattern) throws IOException {
    String cleaned = dev.jbuild.core.semantics.Paths.clean("/" + pattern).substring(1);
    List<StageEntry> matches = new ArrayList<>();
    if (cleaned.isEmpty()) {
      Optional<LayerStack.Entry> root = stack.lookup("/", true);
      if (root.isPresent()) {
        matches.add(new StageEntry(root.get(), ""));
      }
    } else {
      match(stack, "", cleaned.split("/"), 0, matches);
    }
    if (matches.isEmpty()) {
      throw new BuildContext.SourceNotFoundException(pattern);
    }
    return matches;
  }

  private static void match(LayerStack stack, String prefix, String[] parts, int index, List<StageEntry> matches)
      throws IOException {
    String part = parts[index];
    boolean last = index == parts.length - 1;
    List<String> names;
    if (BuildContext.hasWildcard(part)) {
      Pattern pattern = DockerIgnore.toRegex(part);
      names = new ArrayList<>();
      for (String name : stack.list(prefix.isEmpty() ? "/" : "/" + prefix)) {
        if (pattern.matcher(name).matches()) {
          names.add(name);
        }
      }
    } else {
      names = List.of(part.replaceAll("\\\\(.)", "$1"));
    }
    for (String name : names) {
      String relative = prefix.isEmpty() ? name : prefix + "/" + name;
      Optional<LayerStack.Entry> entry = stack.lookup("/" + relative, true);
      if (entry.isEmpty()) {
        continue;
      }
      if (last) {
        matches.add(new StageEntry(entry.get(), relative));
      } else if (entry.get().isDirectory()) {
        match(stack, entry.get().imagePath().substring(1), parts, index + 1, matches);
      }
    }
  }
}
