package dev.jbuild.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether an instruction's arguments are in exec (JSON) form, exactly as BuildKit does
 * with Go's {@code encoding/json}: the text must be one valid JSON value (RFC 8259, at most 10,000
 * levels deep, nothing but JSON whitespace after it) that is an array. Invalid JSON is not an
 * error: the caller falls back to shell form. A valid array holding anything but strings is an
 * error.
 *
 * <p>Validation is iterative, so deeply nested brackets cannot overflow the stack.
 */
final class JsonStringArrays {
  /** Go's {@code encoding/json} refuses documents nested deeper than this. */
  private static final int MAXIMUM_DEPTH = 10_000;

  private JsonStringArrays() {}

  /** A valid JSON array whose elements are not all strings. */
  static final class NotStringArrayException extends Exception {
    private static final long serialVersionUID = 1L;

    NotStringArrayException() {
      super("when using JSON array syntax, arrays must be comprised of strings only");
    }
  }

  /**
   * The strings of the JSON array {@code text} (leading whitespace allowed), or null when the text
   * is not a valid JSON array.
   *
   * @throws NotStringArrayException when it is a valid array with a non-string element
   */
  static List<String> parse(String text) throws NotStringArrayException {
    int start = GoText.skipSpace(text, 0);
    if (start >= text.length() || text.charAt(start) != '[') {
      return null;
    }
    if (!isValid(text, start)) {
      return null;
    }
    return decodeTopLevelArray(text, start);
  }

  /** Whether text from start is exactly one JSON value followed only by JSON whitespace. */
  private static boolean isValid(String text, int start) {
    Validator validator = new Validator(text, start);
    return validator.valid();
  }

  /** Reads the elements of a validated top-level array; each must be a string. */
  private static List<String> decodeTopLevelArray(String text, int start)
      throws NotStringArrayException {
    List<String> strings = new ArrayList<>();
    int position = skipJsonSpace(text, start + 1);
    if (text.charAt(position) == ']') {
      return strings;
    }
    while (true) {
      if (text.charAt(position) != '"') {
        throw new NotStringArrayException();
      }
      StringBuilder value = new StringBuilder();
      position = decodeString(text, position, value);
      strings.add(value.toString());
      position = skipJsonSpace(text, position);
      if (text.charAt(position) == ']') {
        return strings;
      }
      position = skipJsonSpace(text, position + 1); // the ','
    }
  }

  /** Decodes the valid string literal at position into value; returns the index after it. */
  private static int decodeString(String text, int position, StringBuilder value) {
    int index = position + 1;
    while (true) {
      char c = text.charAt(index);
      if (c == '"') {
        return index + 1;
      }
      if (c != '\\') {
        value.append(c);
        index++;
        continue;
      }
      char escaped = text.charAt(index + 1);
      index += 2;
      switch (escaped) {
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          char unit = (char) Integer.parseInt(text.substring(index, index + 4), 16);
          index += 4;
          if (Character.isHighSurrogate(unit) && text.startsWith("\\u", index)) {
            char low = (char) Integer.parseInt(text.substring(index + 2, index + 6), 16);
            if (Character.isLowSurrogate(low)) {
              value.append(unit).append(low);
              index += 6;
              continue;
            }
          }
          // Go replaces a surrogate that is not part of a pair with U+FFFD.
          value.append(Character.isSurrogate(unit) ? '\uFFFD' : unit);
        }
        default -> value.append(escaped); // '"', '\\' and '/'
      }
    }
  }

  private static boolean isJsonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static int skipJsonSpace(String text, int from) {
    int index = from;
    while (index < text.length() && isJsonSpace(text.charAt(index))) {
      index++;
    }
    return index;
  }

  /** A JSON syntax checker with an explicit stack of open containers. */
  private static final class Validator {
    private final String text;
    private int position;
    /** Open containers, innermost last: '[' or '{'. */
    private final StringBuilder open = new StringBuilder();

    Validator(String text, int start) {
      this.text = text;
      this.position = start;
    }

    boolean valid() {
      if (!value()) {
        return false;
      }
      while (!open.isEmpty()) {
        // After a value inside a container: ',' then the next member, or the closing bracket.
        position = skipJsonSpace(text, position);
        if (position >= text.length()) {
          return false;
        }
        char container = open.charAt(open.length() - 1);
        char c = text.charAt(position);
        if (c == ',') {
          position = skipJsonSpace(text, position + 1);
          if (container == '{' && !memberName()) {
            return false;
          }
          if (!value()) {
            return false;
          }
        } else if ((container == '[' && c == ']') || (container == '{' && c == '}')) {
          position++;
          open.setLength(open.length() - 1);
        } else {
          return false;
        }
      }
      return skipJsonSpace(text, position) == text.length();
    }

    /**
     * Reads one value; for an array or object it only opens it (and reads its first member when
     * it is not empty), leaving the rest to the loop in {@link #valid}.
     */
    private boolean value() {
      while (true) {
        position = skipJsonSpace(text, position);
        if (position >= text.length()) {
          return false;
        }
        char c = text.charAt(position);
        if (c == '[' || c == '{') {
          position++;
          if (open.length() >= MAXIMUM_DEPTH) {
            return false;
          }
          position = skipJsonSpace(text, position);
          if (position < text.length() && text.charAt(position) == (c == '[' ? ']' : '}')) {
            position++;
            return true;
          }
          open.append(c);
          if (c == '{' && !memberName()) {
            return false;
          }
          continue; // the first element or member value
        }
        return scalar();
      }
    }

    /** A member name and its ':' inside an object. */
    private boolean memberName() {
      position = skipJsonSpace(text, position);
      if (position >= text.length() || text.charAt(position) != '"' || !string()) {
        return false;
      }
      position = skipJsonSpace(text, position);
      if (position >= text.length() || text.charAt(position) != ':') {
        return false;
      }
      position++;
      return true;
    }

    private boolean scalar() {
      char c = text.charAt(position);
      if (c == '"') {
        return string();
      }
      if (c == '-' || (c >= '0' && c <= '9')) {
        return number();
      }
      return literal("true") || literal("false") || literal("null");
    }

    private boolean literal(String word) {
      if (text.startsWith(word, position)) {
        position += word.length();
        return true;
      }
      return false;
    }

    private boolean string() {
      int index = position + 1;
      while (index < text.length()) {
        char c = text.charAt(index);
        if (c == '"') {
          position = index + 1;
          return true;
        }
        if (c < 0x20) {
          return false;
        }
        if (c == '\\') {
          if (index + 1 >= text.length()) {
            return false;
          }
          char escaped = text.charAt(index + 1);
          if (escaped == 'u') {
            if (index + 6 > text.length()) {
              return false;
            }
            for (int digit = index + 2; digit < index + 6; digit++) {
              if (Character.digit(text.charAt(digit), 16) < 0) {
                return false;
              }
            }
            index += 6;
            continue;
          }
          if ("\"\\/bfnrt".indexOf(escaped) < 0) {
            return false;
          }
          index += 2;
          continue;
        }
        index++;
      }
      return false;
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
      int index = position;
      if (text.charAt(index) == '-') {
        index++;
      }
      if (index >= text.length()) {
        return false;
      }
      if (text.charAt(index) == '0') {
        index++;
      } else if (isDigit(index)) {
        while (isDigit(index)) {
          index++;
        }
      } else {
        return false;
      }
      if (index < text.length() && text.charAt(index) == '.') {
        index++;
        if (!isDigit(index)) {
          return false;
        }
        while (isDigit(index)) {
          index++;
        }
      }
      if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
        index++;
        if (index < text.length() && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
          index++;
        }
        if (!isDigit(index)) {
          return false;
        }
        while (isDigit(index)) {
          index++;
        }
      }
      position = index;
      return true;
    }

    private boolean isDigit(int index) {
      return index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9';
    }
  }
}
