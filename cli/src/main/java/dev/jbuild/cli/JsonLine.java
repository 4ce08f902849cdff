package dev.jbuild.cli;

import java.util.List;

/**
 * Builds one JSON object on one line, by hand: the CLI may not use Jackson (only builder-core
 * owns JSON, see ArchitectureTest), and progress events need nothing but strings, numbers,
 * booleans and string arrays. Not thread-safe; one instance per line.
 */
final class JsonLine {
  private final StringBuilder json = new StringBuilder("{");

  JsonLine add(String key, String value) {
    key(key);
    if (value == null) {
      json.append("null");
    } else {
      quote(value, json);
    }
    return this;
  }

  JsonLine add(String key, long value) {
    key(key);
    json.append(value);
    return this;
  }

  JsonLine add(String key, boolean value) {
    key(key);
    json.append(value);
    return this;
  }

  JsonLine add(String key, List<String> values) {
    key(key);
    json.append('[');
    for (int index = 0; index < values.size(); index++) {
      if (index > 0) {
        json.append(',');
      }
      quote(values.get(index), json);
    }
    json.append(']');
    return this;
  }

  @Override
  public String toString() {
    return json + "}";
  }

  private void key(String key) {
    if (json.length() > 1) {
      json.append(',');
    }
    quote(key, json);
    json.append(':');
  }

  /**
   * Appends {@code text} as a JSON string (RFC 8259): quote, backslash and the control
   * characters below U+0020 are escaped; everything else is written as is (the stream is UTF-8).
   * U+2028 and U+2029 are escaped too, so a line can be pasted into JavaScript unharmed.
   */
  static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder();
    quote(text, out);
    return out.toString();
  }
}
