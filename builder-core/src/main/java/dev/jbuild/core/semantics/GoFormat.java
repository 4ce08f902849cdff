package dev.jbuild.core.semantics;

import java.util.List;

/** Go's fmt renderings that BuildKit's history strings use. */
final class GoFormat {
  private GoFormat() {}

  /** Go's {@code %q} of a string slice: {@code ["a" "b c"]}. */
  static String quotedList(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  /** Go's {@code %v} of a string slice: {@code [a b c]}. */
  static String plainList(List<String> values) {
    return "[" + String.join(" ", values) + "]";
  }

  /** strconv.Quote for the characters that occur in commands. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
