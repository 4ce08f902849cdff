package dev.jbuild.core.expand;

/**
 * Reads a string one Unicode code point at a time with the two operations BuildKit's lexer uses
 * from Go's {@code text/scanner}: peek and next. Like {@code text/scanner}, it skips a byte order
 * mark at the very start, so a word beginning with U+FEFF expands as if it were not there.
 */
final class CodePointScanner {
  /** Returned by {@link #peek()} and {@link #next()} past the last code point. */
  static final int END = -1;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final String text;
  private int index;

  CodePointScanner(String text) {
    this.text = text;
    this.index = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
  }

  int peek() {
    return index < text.length() ? text.codePointAt(index) : END;
  }

  int next() {
    if (index >= text.length()) {
      return END;
    }
    int codePoint = text.codePointAt(index);
    index += Character.charCount(codePoint);
    return codePoint;
  }

  boolean atEnd() {
    return index >= text.length();
  }
}
