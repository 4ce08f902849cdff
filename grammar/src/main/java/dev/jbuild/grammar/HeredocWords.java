package dev.jbuild.grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the heredocs an instruction line opens, as BuildKit does: the line is split into shell
 * words (quotes and escapes kept, variables left unexpanded), and each word of the form
 * {@code [n]<<[-]NAME} opens a heredoc. The name is the word with its quotes and escapes
 * processed; the heredoc's content is expanded only if no part of the name was quoted.
 *
 * <p>This is a deliberately small shell-word splitter with no variables set: the full expansion
 * rules live in builder-core, which expands words with the build's ARG and ENV values.
 */
final class HeredocWords {
  private HeredocWords() {}

  /** A heredoc opened by a word such as {@code <<-"EOF"}. */
  record Opening(String name, boolean stripLeadingTabs, boolean expand) {}

  /** A heredoc word that BuildKit refuses (for example an unterminated quote in the name). */
  static final class BadHeredocException extends Exception {
    private static final long serialVersionUID = 1L;

    BadHeredocException(String message) {
      super(message);
    }
  }

  /** The heredocs opened by line, in order; none when the line cannot be split into words. */
  static List<Opening> openedBy(String line) throws BadHeredocException {
    if (!line.contains("<<")) {
      return List.of();
    }
    List<String> words;
    try {
      words = new Splitter(line, true, true).words();
    } catch (BadHeredocException unsplittable) {
      return List.of(); // BuildKit ignores lines its shell lexer cannot split
    }
    List<Opening> openings = new ArrayList<>();
    for (String word : words) {
      Opening opening = parse(word);
      if (opening != null) {
        openings.add(opening);
      }
    }
    return openings;
  }

  /**
   * The heredoc a single word opens, or null when the word is not {@code [digits]<<[-]rest} with
   * a rest that is one shell word.
   */
  static Opening parse(String word) throws BadHeredocException {
    int index = 0;
    while (index < word.length() && word.charAt(index) >= '0' && word.charAt(index) <= '9') {
      index++;
    }
    if (!word.startsWith("<<", index)) {
      return null;
    }
    index += 2;
    boolean stripLeadingTabs = index < word.length() && word.charAt(index) == '-';
    if (stripLeadingTabs) {
      index++;
    }
    String rest = word.substring(index);
    if (rest.isEmpty() || rest.indexOf('<') >= 0) {
      return null;
    }
    List<String> names = new Splitter(rest, false, false).words();
    if (names.size() != 1) {
      return null;
    }
    List<String> rawNames = new Splitter(rest, true, false).words();
    if (rawNames.size() != 1) {
      throw new BadHeredocException("internal lexing of heredoc produced inconsistent results: " + rest);
    }
    String name = names.get(0);
    boolean expand = quoteCount(name) == quoteCount(rawNames.get(0));
    return new Opening(name, stripLeadingTabs, expand);
  }

  private static int quoteCount(String text) {
    int count = 0;
    for (int index = 0; index < text.length(); index++) {
      if (text.charAt(index) == '\'' || text.charAt(index) == '"') {
        count++;
      }
    }
    return count;
  }

  /**
   * BuildKit's shell word splitter with every variable unset and unset variables kept as written;
   * the escape character is always a backslash here, whatever the escape directive says.
   */
  private static final class Splitter {
    private static final int END = -1;
    private static final int MAXIMUM_SUBSTITUTION_DEPTH = 500;

    private final String text;
    private final boolean rawQuotes;
    private boolean rawEscapes;
    private int position;

    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    /** Nesting of ${...} being read; bounded so that no input can exhaust the stack. */
    private int substitutionDepth;

    Splitter(String text, boolean rawQuotes, boolean rawEscapes) {
      this.text = text;
      this.rawQuotes = rawQuotes;
      this.rawEscapes = rawEscapes;
    }

    List<String> words() throws BadHeredocException {
      processUntil(END, rawEscapes, true);
      if (word.length() > 0) {
        words.add(word.toString());
      }
      return words;
    }

    private int peek() {
      return position < text.length() ? text.codePointAt(position) : END;
    }

    private int next() {
      if (position >= text.length()) {
        return END;
      }
      int c = text.codePointAt(position);
      position += Character.charCount(c);
      return c;
    }

    /**
     * Processes up to stop (consumed) or the end; returns the processed text. Only the outermost
     * call collects words.
     */
    private String processUntil(int stop, boolean escapesRaw, boolean collectWords)
        throws BadHeredocException {
      boolean savedRawEscapes = rawEscapes;
      rawEscapes = escapesRaw;
      try {
        StringBuilder result = new StringBuilder();
        while (peek() != END) {
          int c = peek();
          if (stop != END && c == stop) {
            next();
            return result.toString();
          }
          if (c == '$' || c == '\'' || c == '"') {
            String processed = c == '$' ? dollar() : c == '\'' ? singleQuoted() : doubleQuoted();
            result.append(processed);
            if (collectWords) {
              if (c == '$') {
                addSplitting(processed);
              } else {
                addRaw(processed);
              }
            }
            continue;
          }
          c = next();
          if (c == '\\') {
            if (rawEscapes) {
              if (collectWords) {
                addRaw(c);
              }
              result.appendCodePoint(c);
            }
            c = next();
            if (c == END) {
              break;
            }
            if (collectWords) {
              addRaw(c);
            }
          } else if (collectWords) {
            addSplitting(c);
          }
          result.appendCodePoint(c);
        }
        if (stop != END) {
          throw new BadHeredocException(
              "unexpected end of statement while looking for matching " + Character.toString(stop));
        }
        return result.toString();
      } finally {
        rawEscapes = savedRawEscapes;
      }
    }

    private void addSplitting(int c) {
      if (GoText.isSpace(c)) {
        if (inWord && word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        addRaw(c);
      }
    }

    private void addSplitting(String text) {
      text.codePoints().forEach(this::addSplitting);
    }

    private void addRaw(int c) {
      word.appendCodePoint(c);
      inWord = true;
    }

    private void addRaw(String text) {
      word.append(text);
      inWord = true;
    }

    private String singleQuoted() throws BadHeredocException {
      StringBuilder result = new StringBuilder();
      int c = next();
      if (rawQuotes) {
        result.appendCodePoint(c);
      }
      while (true) {
        c = next();
        if (c == END) {
          throw new BadHeredocException(
              "unexpected end of statement while looking for matching single-quote");
        }
        if (c == '\'') {
          if (rawQuotes) {
            result.appendCodePoint(c);
          }
          return result.toString();
        }
        result.appendCodePoint(c);
      }
    }

    private String doubleQuoted() throws BadHeredocException {
      StringBuilder result = new StringBuilder();
      int c = next();
      if (rawQuotes) {
        result.appendCodePoint(c);
      }
      while (true) {
        int ahead = peek();
        if (ahead == END) {
          throw new BadHeredocException(
              "unexpected end of statement while looking for matching double-quote");
        }
        if (ahead == '"') {
          next();
          if (rawQuotes) {
            result.append('"');
          }
          return result.toString();
        }
        if (ahead == '$') {
          result.append(dollar());
          continue;
        }
        c = next();
        if (c == '\\') {
          if (rawEscapes) {
            result.appendCodePoint(c);
          }
          int escaped = peek();
          if (escaped == END) {
            continue;
          }
          if (escaped == '"' || escaped == '$' || escaped == '\\') {
            c = next();
          }
        }
        result.appendCodePoint(c);
      }
    }

    /** A variable reference, kept as written since no variable is set. */
    private String dollar() throws BadHeredocException {
      next(); // '$'
      if (peek() != '{') {
        String name = name();
        return name.isEmpty() ? "$" : "$" + name;
      }
      next(); // '{'
      if (++substitutionDepth > MAXIMUM_SUBSTITUTION_DEPTH) {
        throw new BadHeredocException("substitutions nested too deeply");
      }
      try {
        return substitution();
      } finally {
        substitutionDepth--;
      }
    }

    /** The rest of a ${...} reference after the opening brace. */
    private String substitution() throws BadHeredocException {
      int c = peek();
      if (c == END) {
        throw new BadHeredocException("syntax error: missing '}'");
      }
      if (c == '{' || c == '}' || c == ':') {
        throw new BadHeredocException("syntax error: bad substitution");
      }
      String name = name();
      c = next();
      String modifier = c == END ? "\uFFFD" : Character.toString(c);
      switch (c) {
        case '}':
          return "${" + name + "}";
        case ':':
          c = next();
          modifier += c == END ? "\uFFFD" : Character.toString(c);
          return "${" + name + modifier + stopOn('}', false, "syntax error: missing '}'") + "}";
        case '+', '-', '?', '#', '%':
          return "${" + name + modifier
              + stopOn('}', c == '#' || c == '%', "syntax error: missing '}'") + "}";
        case '/':
          if (peek() == '/') {
            next();
          }
          String pattern = stopOn('/', true, "syntax error: missing '/' in ${}");
          String replacement = stopOn('}', true, "syntax error: missing '}'");
          return "${" + name + "/" + pattern + "/" + replacement + "}";
        default:
          throw new BadHeredocException("unsupported modifier (" + modifier + ") in substitution");
      }
    }

    private String stopOn(int stop, boolean escapesRaw, String messageAtEnd)
        throws BadHeredocException {
      try {
        return processUntil(stop, escapesRaw, false);
      } catch (BadHeredocException failure) {
        if (peek() == END) {
          throw new BadHeredocException(messageAtEnd);
        }
        throw failure;
      }
    }

    /** A variable name: digits, a special parameter, or letters, digits and underscores. */
    private String name() {
      StringBuilder name = new StringBuilder();
      while (peek() != END) {
        int c = peek();
        if (name.length() == 0 && Character.isDigit(c)) {
          while (peek() != END && Character.isDigit(peek())) {
            name.appendCodePoint(next());
          }
          return name.toString();
        }
        if (name.length() == 0 && "@*#?-$!0".indexOf(c) >= 0) {
          return Character.toString(next());
        }
        if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_') {
          break;
        }
        name.appendCodePoint(next());
      }
      return name.toString();
    }
  }
}
