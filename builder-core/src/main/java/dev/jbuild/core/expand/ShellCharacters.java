package dev.jbuild.core.expand;

/**
 * Character classes with the meaning Go's {@code unicode} package gives them, which is what
 * BuildKit's lexer asks. Java's own {@link Character#isWhitespace} differs (it excludes U+00A0 and
 * U+202F and includes U+001C..U+001F), so spaces are listed here explicitly.
 */
final class ShellCharacters {
  private ShellCharacters() {}

  /** Go's {@code unicode.IsSpace}: the White_Space property. */
  static boolean isSpace(int codePoint) {
    return switch (codePoint) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
          0x3000 -> true;
      default -> codePoint >= 0x2000 && codePoint <= 0x200A;
    };
  }

  /** Go's {@code unicode.IsDigit}: any decimal digit, not only ASCII. */
  static boolean isDigit(int codePoint) {
    return codePoint >= 0 && Character.isDigit(codePoint);
  }

  /** A letter, a digit or an underscore: what may follow the first character of a name. */
  static boolean isNameCharacter(int codePoint) {
    return codePoint >= 0
        && (Character.isLetter(codePoint) || Character.isDigit(codePoint) || codePoint == '_');
  }

  /**
   * The POSIX special parameters ({@code $@ $* $# $? $- $$ $! $0}); each is a whole name by
   * itself. Dockerfiles never set them, but BuildKit still reads them as names.
   */
  static boolean isSpecialParameter(int codePoint) {
    return switch (codePoint) {
      case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
      default -> false;
    };
  }
}
