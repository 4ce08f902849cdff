package dev.jbuild.executor.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines shown under a failed step's one-line message: the instruction's first Dockerfile
 * line with a caret under its start, then the step's last output lines, indented, so the two
 * cannot be mistaken for each other.
 */
final class SourceExcerpt {
  private SourceExcerpt() {}

  /**
   * @param dockerfileText the Dockerfile as built
   * @param location {@code FILE:LINE}, as {@link BuildStepException#location()} names it
   * @param outputTail the step's last output lines (may be empty)
   */
  static List<String> details(String dockerfileText, String location, List<String> outputTail) {
    List<String> details = new ArrayList<>();
    String source = sourceLine(dockerfileText, lineNumber(location));
    if (!source.isBlank()) {
      details.add(source);
      int indent = source.length() - source.stripLeading().length();
      details.add(" ".repeat(indent) + "^");
    }
    if (!outputTail.isEmpty()) {
      details.add("last output lines:");
      outputTail.forEach(line -> details.add("  " + line));
    }
    return details;
  }

  private static int lineNumber(String location) {
    int colon = location.lastIndexOf(':');
    try {
      return colon < 0 ? 0 : Integer.parseInt(location.substring(colon + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String sourceLine(String text, int line) {
    if (line <= 0 || text == null) {
      return "";
    }
    List<String> lines = text.lines().toList();
    return line <= lines.size() ? lines.get(line - 1).replace('\t', ' ') : "";
  }
}
