package dev.jbuild.cli;

/**
 * Makes text safe to draw inside the live view: a RUN's output may carry colours, carriage
 * returns (progress meters) and other control characters that would move the cursor and break
 * the redraw arithmetic. Stateless.
 */
final class TerminalText {
  private TerminalText() {}

  /**
   * What a terminal would finally show for one output line: ANSI escape sequences removed, only
   * the text after the last carriage return kept, tabs as spaces, other control characters dropped.
   */
  static String sanitize(String line) {
    String withoutEscapes = line
        .replaceAll("\u001B\\[[0-?]*[ -/]*[@-~]", "") // CSI: colours, cursor movement, erasing
        .replaceAll("\u001B][^\u0007\u001B]*(\u0007|\u001B\\\\)?", "") // OSC: window titles, links
        .replaceAll("\u001B[ -/]*[0-~]", ""); // any other escape sequence
    String trimmed = withoutEscapes.replaceAll("\r+$", "");
    String visible = trimmed.substring(trimmed.lastIndexOf('\r') + 1);
    StringBuilder out = new StringBuilder(visible.length());
    for (int index = 0; index < visible.length(); index++) {
      char c = visible.charAt(index);
      if (c == '\t') {
        out.append("    ");
      } else if (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@link #sanitize} for text that may span lines (an instruction with heredocs): lines joined by spaces. */
  static String singleLine(String text) {
    return sanitize(text.replaceAll("\\s*\\R\\s*", " "));
  }

  /** {@code text} cut to at most {@code width} characters (code points), never splitting a pair. */
  static String truncate(String text, int width) {
    if (width <= 0) {
      return "";
    }
    if (text.codePointCount(0, text.length()) <= width) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, width));
  }

  /** The width {@code text} takes on screen, counting each code point as one column. */
  static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
