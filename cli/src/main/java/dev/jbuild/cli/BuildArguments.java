package dev.jbuild.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Build arguments from {@code --build-arg-file} files and {@code --build-arg} flags. A file has
 * one {@code NAME=VALUE} (or {@code NAME}, taking the value from the environment) per line;
 * blank lines and lines starting with {@code #} are skipped, as in podman's argument files.
 * Files are read in order, then flags; a later value for a name wins.
 */
final class BuildArguments {
  /** A {@code --build-arg-file} that cannot be read, or a malformed line or flag. */
  static final class InvalidException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidException(String message) {
      super(message);
    }
  }

  private BuildArguments() {}

  static Map<String, String> collect(List<Path> files, List<String> flags, Map<String, String> environment)
      throws InvalidException {
    Map<String, String> values = new LinkedHashMap<>();
    for (Path file : files) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (NoSuchFileException e) {
        throw new InvalidException("--build-arg-file " + file + ": no such file");
      } catch (IOException e) {
        throw new InvalidException("--build-arg-file " + file + ": cannot read: " + e.getMessage());
      }
      for (int index = 0; index < lines.size(); index++) {
        String line = lines.get(index).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (!add(line, values, environment)) {
          throw new InvalidException(file + ":" + (index + 1) + ": expected NAME=VALUE or NAME, got \"" + line + "\"");
        }
      }
    }
    for (String flag : flags) {
      if (!add(flag, values, environment)) {
        throw new InvalidException("--build-arg takes NAME=VALUE or NAME, got \"" + flag + "\"");
      }
    }
    return values;
  }

  /** Adds one {@code NAME=VALUE} or {@code NAME}; false when the name is empty or has spaces. */
  private static boolean add(String argument, Map<String, String> values, Map<String, String> environment) {
    int equals = argument.indexOf('=');
    String name = equals < 0 ? argument : argument.substring(0, equals);
    if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    if (equals >= 0) {
      values.put(name, argument.substring(equals + 1));
    } else if (environment.containsKey(name)) {
      values.put(name, environment.get(name));
    }
    return true;
  }
}
