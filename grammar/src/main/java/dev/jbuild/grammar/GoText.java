package dev.jbuild.grammar;

/**
 * The few Go standard library text rules BuildKit's Dockerfile parser relies on, so that jbuild
 * splits, trims and prints exactly as it does: {@code unicode.IsSpace}, {@code strings.TrimSpace},
 * the {@code [\t\v\f\r ]+} separator of its regular expressions and {@code strconv.Quote}.
 */
final class GoText {
  private GoText() {}

  /** Go's {@code unicode.IsSpace}. Every such character is in the Basic Multilingual Plane. */
  static boolean isSpace(int c) {
    switch (c) {
      case ' ', '\t', '\n', '\u000B', '\f', '\r', '\u0085', '\u00A0', '\u1680', '\u2028', '\u2029',
          '\u202F', '\u205F', '\u3000':
        return true;
      default:
        return c >= '\u2000' && c <= '\u200A';
    }
  }

  /** The {@code [\t\v\f\r ]} class BuildKit splits words and keywords on. */
  static boolean isSeparator(int c) {
    return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** Index of the first character that is not {@link #isSpace}, or the length. */
  static int skipSpace(String text, int from) {
    int index = from;
    while (index < text.length() && isSpace(text.charAt(index))) {
      index++;
    }
    return index;
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String text) {
    int start = skipSpace(text, 0);
    int end = text.length();
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** Splits on runs of {@link #isSeparator} characters, as Go's {@code regexp.Split(s, -1)}. */
  static java.util.List<String> splitOnSeparators(String text) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    int start = 0;
    int index = 0;
    while (index < text.length()) {
      if (isSeparator(text.charAt(index))) {
        parts.add(text.substring(start, index));
        while (index < text.length() && isSeparator(text.charAt(index))) {
          index++;
        }
        start = index;
      } else {
        index++;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** Go's {@code strconv.Quote}: a double-quoted string literal with Go escapes. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2);
    appendQuoted(quoted, text);
    return quoted.toString();
  }

  static void appendQuoted(StringBuilder out, String text) {
    out.append('"');
    for (int index = 0; index < text.length(); ) {
      int c = text.codePointAt(index);
      index += Character.charCount(c);
      if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (isPrint(c)) {
        out.appendCodePoint(c);
      } else {
        appendEscaped(out, c);
      }
    }
    out.append('"');
  }

  private static void appendEscaped(StringBuilder out, int c) {
    switch (c) {
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0B -> out.append("\\v");
      default -> {
        if (c < ' ' || c == 0x7F) {
          out.append("\\x").append(hex(c, 2));
        } else if (c < 0x10000) {
          out.append("\\u").append(hex(c, 4));
        } else {
          out.append("\\U").append(hex(c, 8));
        }
      }
    }
  }

  private static String hex(int value, int digits) {
    String hex = Integer.toHexString(value);
    return "0".repeat(Math.max(0, digits - hex.length())) + hex;
  }

  /**
   * Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII
   * space. Other spaces (such as a no-break space) and control or format characters are escaped.
   */
  static boolean isPrint(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }
}
