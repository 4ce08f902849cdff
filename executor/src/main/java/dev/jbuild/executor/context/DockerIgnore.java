package dev.jbuild.executor.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore} rules as docker applies them (moby/patternmatcher): one pattern per line,
 * {@code #} comments, Go filepath.Match syntax plus {@code **}, leading {@code /} and {@code ./}
 * cleaned, {@code !} re-includes, and the last matching line wins. A pattern also matches
 * everything below a directory it matches. Immutable and thread-safe.
 */
public final class DockerIgnore {
  private final List<Rule> rules;

  private record Rule(Pattern regex, int depth, boolean exclusion, String text) {}

  private DockerIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static DockerIgnore none() {
    return new DockerIgnore(List.of());
  }

  /** Reads the rules of {@code file}; a missing file means nothing is ignored. */
  public static DockerIgnore read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return none();
    }
    return parse(Files.readAllLines(file));
  }

  public static DockerIgnore parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String line : lines) {
      String pattern = line.trim();
      if (pattern.isEmpty() || pattern.startsWith("#")) {
        continue;
      }
      boolean exclusion = pattern.startsWith("!");
      if (exclusion) {
        pattern = pattern.substring(1).trim();
      }
      pattern = clean(pattern);
      if (pattern.isEmpty() || pattern.equals(".")) {
        if (!exclusion) {
          // "." or "/" ignores everything.
          rules.add(new Rule(Pattern.compile(".*", Pattern.DOTALL), 0, false, line));
        }
        continue;
      }
      rules.add(new Rule(toRegex(pattern), pattern.split("/").length, exclusion, line));
    }
    return new DockerIgnore(rules);
  }

  public boolean hasExclusions() {
    return rules.stream().anyMatch(Rule::exclusion);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** True when {@code relativePath} (slash-separated, relative to the context) is ignored. */
  public boolean isIgnored(String relativePath) {
    boolean ignored = false;
    String[] parts = relativePath.split("/");
    for (Rule rule : rules) {
      if (rule.exclusion() != ignored) {
        continue; // cannot change the answer
      }
      boolean match = rule.regex().matcher(relativePath).matches();
      if (!match && parts.length > 1) {
        // A pattern naming a directory also covers what is inside it.
        for (int depth = 1; depth < parts.length && !match; depth++) {
          match = rule.regex().matcher(String.join("/", java.util.Arrays.copyOf(parts, depth))).matches();
        }
      }
      if (match) {
        ignored = !rule.exclusion();
      }
    }
    return ignored;
  }

  /** filepath.Clean, then leading slashes and "./" removed, as docker does. */
  private static String clean(String pattern) {
    return dev.jbuild.core.semantics.Paths.clean("/" + pattern).substring(1);
  }

  /** Translates a Go filepath.Match pattern with {@code **} into a regex over whole paths. */
  static Pattern toRegex(String pattern) {
    StringBuilder regex = new StringBuilder("^");
    int length = pattern.length();
    for (int i = 0; i < length; i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < length && pattern.charAt(i + 1) == '*') {
            i++;
            // "**/" matches zero or more directories; a trailing "**" matches everything.
            if (i + 1 < length && pattern.charAt(i + 1) == '/') {
              i++;
              regex.append("(?:.*/)?");
            } else {
              regex.append(".*");
            }
          } else {
            regex.append("[^/]*");
          }
        }
        case '?' -> regex.append("[^/]");
        case '[' -> {
          int end = pattern.indexOf(']', i + 1);
          if (end < 0) {
            regex.append("\\[");
          } else {
            String body = pattern.substring(i + 1, end);
            if (body.startsWith("^") || body.startsWith("!")) {
              body = "^" + body.substring(1);
            }
            regex.append('[').append(body.replace("\\", "\\\\")).append(']');
            i = end;
          }
        }
        case '\\' -> {
          if (i + 1 < length) {
            regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
          }
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.append('$').toString(), Pattern.DOTALL);
  }
}
