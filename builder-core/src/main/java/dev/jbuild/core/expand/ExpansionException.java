package dev.jbuild.core.expand;

/**
 * A word that cannot be expanded: a syntax error such as an unterminated quote or brace, a bad
 * substitution, an unsupported modifier, an invalid glob, or {@code ${V?message}} /
 * {@code ${V:?message}} on a variable that is unset (or empty). The message has BuildKit's shape,
 * {@code failed to process "WORD": REASON}.
 */
public final class ExpansionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String word;
  private final String reason;

  public ExpansionException(String word, String reason) {
    super("failed to process " + quote(word) + ": " + reason);
    this.word = word;
    this.reason = reason;
  }

  /** The word as given, before expansion. */
  public String word() {
    return word;
  }

  /** Why it failed, without the word, e.g. {@code VERSION: is not allowed to be unset}. */
  public String reason() {
    return reason;
  }

  /** Double-quotes {@code text} with Go-like escapes so the word is readable on one line. */
  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .forEach(
            codePoint -> {
              switch (codePoint) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                  if (Character.isISOControl(codePoint)) {
                    quoted.append(String.format("\\x%02x", codePoint));
                  } else {
                    quoted.appendCodePoint(codePoint);
                  }
                }
              }
            });
    return quoted.append('"').toString();
  }
}
