package dev.jbuild.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON reader for jbuild's small config file, written by hand because the CLI
 * may not use Jackson (see ArchitectureTest). Objects become {@link LinkedHashMap}s (a duplicate
 * key is an error), arrays {@link List}s, numbers {@link BigDecimal}s, and {@code null} Java null.
 * Errors name the line and column. Not thread-safe; one instance per document.
 */
final class JsonReader {
  /** Malformed JSON at {@code line}:{@code column} (both from 1). */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    final String problem;
    final int line;
    final int column;

    SyntaxException(String problem, int line, int column) {
      super(line + ":" + column + ": " + problem);
      this.problem = problem;
      this.line = line;
      this.column = column;
    }
  }

  private static final int MAX_DEPTH = 64;

  private final String text;
  private int position;

  private JsonReader(String text) {
    this.text = text;
  }

  /** The one value {@code text} holds. */
  static Object read(String text) throws SyntaxException {
    JsonReader reader = new JsonReader(text.startsWith("\uFEFF") ? text.substring(1) : text);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.position < reader.text.length()) {
      throw reader.error("unexpected " + reader.describe() + " after the document");
    }
    return value;
  }

  private Object value(int depth) throws SyntaxException {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    if (position >= text.length()) {
      throw error("unexpected end of file, expected a value");
    }
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected " + describe() + ", expected a value");
      }
    };
  }

  private Map<String, Object> object(int depth) throws SyntaxException {
    Map<String, Object> members = new LinkedHashMap<>();
    position++;
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("unexpected " + describe() + ", expected a key in double quotes");
      }
      int keyLine = line();
      int keyColumn = column();
      String key = string();
      if (members.containsKey(key)) {
        throw new SyntaxException("duplicate key \"" + key + "\"", keyLine, keyColumn);
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.put(key, value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else if (peek() == '}') {
        position++;
        return members;
      } else {
        throw error("unexpected " + describe() + ", expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws SyntaxException {
    List<Object> elements = new ArrayList<>();
    position++;
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return elements;
    }
    while (true) {
      skipWhitespace();
      elements.add(value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else if (peek() == ']') {
        position++;
        return elements;
      } else {
        throw error("unexpected " + describe() + ", expected ',' or ']'");
      }
    }
  }

  private String string() throws SyntaxException {
    position++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (position >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(position);
      if (c == '"') {
        position++;
        return value.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string (write it as an escape, e.g. \\n)");
      }
      if (c != '\\') {
        value.append(c);
        position++;
        continue;
      }
      if (position + 1 >= text.length()) {
        throw error("unterminated string");
      }
      char escaped = text.charAt(position + 1);
      switch (escaped) {
        case '"', '\\', '/' -> value.append(escaped);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          if (position + 6 > text.length() || !text.substring(position + 2, position + 6).matches("[0-9a-fA-F]{4}")) {
            throw error("\\u must be followed by four hex digits");
          }
          value.append((char) Integer.parseInt(text.substring(position + 2, position + 6), 16));
          position += 4;
        }
        default -> throw error("unknown escape \\" + escaped);
      }
      position += 2;
    }
  }

  private BigDecimal number() throws SyntaxException {
    int start = position;
    if (peek() == '-') {
      position++;
    }
    if (peek() == '0') {
      position++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("a number needs digits");
    }
    if (peek() == '.') {
      position++;
      if (!isDigit(peek())) {
        throw error("a number needs digits after '.'");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      position++;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      if (!isDigit(peek())) {
        throw error("a number needs digits in its exponent");
      }
      digits();
    }
    return new BigDecimal(text.substring(start, position));
  }

  private void digits() {
    while (isDigit(peek())) {
      position++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) throws SyntaxException {
    if (!text.startsWith(word, position)) {
      throw error("unexpected " + describe() + ", expected a value");
    }
    position += word.length();
    return value;
  }

  private void expect(char expected) throws SyntaxException {
    if (peek() != expected) {
      throw error("unexpected " + describe() + ", expected '" + expected + "'");
    }
    position++;
  }

  /** The current character, or NUL at the end (never valid where a token is expected). */
  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private String describe() {
    if (position >= text.length()) {
      return "end of file";
    }
    return "'" + text.charAt(position) + "'";
  }

  private int line() {
    int line = 1;
    for (int index = 0; index < position && index < text.length(); index++) {
      if (text.charAt(index) == '\n') {
        line++;
      }
    }
    return line;
  }

  private int column() {
    int lineStart = text.lastIndexOf('\n', Math.max(0, position - 1));
    if (position == 0) {
      return 1;
    }
    return position - lineStart;
  }

  private SyntaxException error(String problem) {
    return new SyntaxException(problem, line(), column());
  }
}
