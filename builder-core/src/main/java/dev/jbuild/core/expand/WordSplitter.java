package dev.jbuild.core.expand;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the words of a top-level expansion the way BuildKit's {@code wordsStruct} does: plain
 * characters and variable values split at unquoted spaces, quoted text and escaped characters
 * never split, and a word that stays empty (from {@code ""} or an empty variable) is dropped.
 */
final class WordSplitter {
  private final List<String> words = new ArrayList<>();
  private final StringBuilder word = new StringBuilder();
  private boolean inWord;

  /** A character that splits at spaces (unquoted, unescaped). */
  void addCharacter(int codePoint) {
    if (ShellCharacters.isSpace(codePoint)) {
      // An open but still empty word (after "") swallows the space and stays open: BuildKit.
      if (inWord && word.length() != 0) {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
      }
    } else {
      addRawCharacter(codePoint);
    }
  }

  /** A character that never splits (escaped). */
  void addRawCharacter(int codePoint) {
    word.appendCodePoint(codePoint);
    inWord = true;
  }

  /** A variable's value: split like plain characters. */
  void addSplittable(String text) {
    text.codePoints().forEach(this::addCharacter);
  }

  /** Quoted text: never split. */
  void addRaw(String text) {
    word.append(text);
    inWord = true;
  }

  List<String> finish() {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
      inWord = false;
    }
    return List.copyOf(words);
  }
}
