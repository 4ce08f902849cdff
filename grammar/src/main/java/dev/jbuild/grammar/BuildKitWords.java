package dev.jbuild.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's {@code parseWords}, the word rule of ENV, LABEL and ARG: words are separated by
 * whitespace; single and double quotes group whitespace into a word and are kept; the escape
 * character is kept together with the character it escapes (except inside single quotes, where it
 * is an ordinary character); an escape character at the very end is dropped. Nothing is expanded.
 */
final class BuildKitWords {
  private BuildKitWords() {}

  private static final int IN_SPACES = 0;
  private static final int IN_WORD = 1;
  private static final int IN_QUOTE = 2;

  static List<String> split(String rest, int escapeCharacter) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int phase = IN_SPACES;
    int quote = 0;
    boolean blankOk = false;
    int length = rest.length();
    int position = 0;
    while (true) {
      if (phase == IN_SPACES) {
        if (position >= length) {
          break;
        }
        int c = rest.codePointAt(position);
        if (GoText.isSpace(c)) {
          position += Character.charCount(c);
          continue;
        }
        phase = IN_WORD;
      }
      if (position >= length) {
        if (blankOk || word.length() > 0) {
          words.add(word.toString());
        }
        break;
      }
      int c = rest.codePointAt(position);
      int width = Character.charCount(c);
      if (phase == IN_WORD) {
        if (GoText.isSpace(c)) {
          phase = IN_SPACES;
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          position += width;
          continue;
        }
        if (c == '\'' || c == '"') {
          quote = c;
          blankOk = true;
          phase = IN_QUOTE;
        }
        if (c == escapeCharacter) {
          if (position + width == length) {
            position += width; // an escape character at the end is dropped
            continue;
          }
          word.appendCodePoint(c);
          position += width;
          c = rest.codePointAt(position);
          width = Character.charCount(c);
        }
        word.appendCodePoint(c);
        position += width;
        continue;
      }
      // IN_QUOTE
      if (c == quote) {
        phase = IN_WORD;
      }
      if (c == escapeCharacter && quote != '\'') {
        if (position + width == length) {
          phase = IN_WORD;
          position += width;
          continue;
        }
        position += width;
        word.appendCodePoint(c);
        c = rest.codePointAt(position);
        width = Character.charCount(c);
      }
      word.appendCodePoint(c);
      position += width;
    }
    return words;
  }
}
