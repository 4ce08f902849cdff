package dev.jbuild.core.expand;

import static dev.jbuild.core.expand.CodePointScanner.END;

import dev.jbuild.core.expand.ShellPattern.InvalidPatternException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One expansion of one word, following BuildKit's {@code shellWord} step for step. BuildKit
 * recurses (a {@code ${...}} inside a default value inside double quotes ...); here each of its
 * functions is a frame on an explicit stack, so nesting depth is bounded by the heap, never by
 * the thread stack. The frames are: a sequence (BuildKit's {@code processStopOn}: characters up
 * to a stop character or the end), a double-quoted string, and a dollar expression.
 *
 * <p>Single use and not thread-safe; {@link ShellLexer} makes one per call.
 */
final class WordExpander {
  /** A failure inside the expansion; {@link ShellLexer} adds the word. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String reason) {
      super(reason, null, false, false);
    }
  }

  private final CodePointScanner scanner;
  private final Env env;
  private final int escapeToken;
  private final boolean processQuotes;
  private final Set<String> matchedNames = new LinkedHashSet<>();
  private final Set<String> unmatchedNames = new LinkedHashSet<>();
  private final Deque<Frame> frames = new ArrayDeque<>();

  WordExpander(String word, Env env, int escapeToken, boolean processQuotes) {
    this.scanner = new CodePointScanner(word);
    this.env = env;
    this.escapeToken = escapeToken;
    this.processQuotes = processQuotes;
  }

  Expansion expand() throws Failure {
    WordSplitter words = new WordSplitter();
    SequenceFrame top = new SequenceFrame(END, false, words);
    frames.push(top);
    while (!frames.isEmpty()) {
      try {
        frames.peek().step();
      } catch (Failure failure) {
        // Unwind as BuildKit's returns do, letting each enclosing frame restate the error.
        String reason = failure.getMessage();
        frames.pop();
        while (!frames.isEmpty()) {
          reason = frames.pop().restateChildFailure(reason);
        }
        throw new Failure(reason);
      }
    }
    return new Expansion(top.result.toString(), words.finish(), matchedNames, unmatchedNames);
  }

  private void push(Frame frame) {
    frames.push(frame);
  }

  /** Ends the top frame, handing its text to the frame below (if any). */
  private void complete(String value) {
    frames.pop();
    Frame parent = frames.peek();
    if (parent != null) {
      parent.accept(value);
    }
  }

  /** Looks a name up, recording whether it was set; returns null when unset. */
  private String lookUp(String name) {
    String value = env.get(name);
    if (value == null) {
      unmatchedNames.add(name);
    } else {
      matchedNames.add(name);
    }
    return value;
  }

  /**
   * A name after {@code $} or {@code ${}: a run of digits, one special parameter character, or a
   * run of letters, digits and underscores; empty when none of those follows.
   */
  private String readName() {
    StringBuilder name = new StringBuilder();
    while (scanner.peek() != END) {
      int next = scanner.peek();
      if (name.length() == 0 && ShellCharacters.isDigit(next)) {
        while (ShellCharacters.isDigit(scanner.peek())) {
          name.appendCodePoint(scanner.next());
        }
        return name.toString();
      }
      if (name.length() == 0 && ShellCharacters.isSpecialParameter(next)) {
        return Character.toString(scanner.next());
      }
      if (!ShellCharacters.isNameCharacter(next)) {
        break;
      }
      name.appendCodePoint(scanner.next());
    }
    return name.toString();
  }

  /** Reads {@code '...'}: everything up to the next single quote, literally. */
  private String readSingleQuoted() throws Failure {
    scanner.next();
    StringBuilder quoted = new StringBuilder();
    while (true) {
      int next = scanner.next();
      if (next == END) {
        throw new Failure("unexpected end of statement while looking for matching single-quote");
      }
      if (next == '\'') {
        return quoted.toString();
      }
      quoted.appendCodePoint(next);
    }
  }

  private abstract static class Frame {
    /** Consumes input, pushes a child, or completes. */
    abstract void step() throws Failure;

    /** Receives the text of a child that completed. */
    abstract void accept(String childValue);

    /** The reason to report when a child of this frame failed with {@code reason}. */
    String restateChildFailure(String reason) {
      return reason;
    }
  }

  /**
   * Characters up to {@code stopCharacter} (consumed) or the end of the word: BuildKit's
   * {@code processStopOn}. With {@code rawEscapes} (inside glob patterns and replacements) the
   * escape character is kept in the text, for the glob reader to interpret.
   */
  private final class SequenceFrame extends Frame {
    private final int stopCharacter;
    private final boolean rawEscapes;
    private final WordSplitter words; // only at the top level; null inside ${...}
    private final StringBuilder result = new StringBuilder();
    private boolean childIsDollar;

    SequenceFrame(int stopCharacter, boolean rawEscapes, WordSplitter words) {
      this.stopCharacter = stopCharacter;
      this.rawEscapes = rawEscapes;
      this.words = words;
    }

    @Override
    void step() throws Failure {
      int next = scanner.peek();
      if (next == END) {
        if (stopCharacter != END) {
          throw new Failure(
              "unexpected end of statement while looking for matching "
                  + Character.toString(stopCharacter));
        }
        complete(result.toString());
        return;
      }
      if (next == stopCharacter) {
        scanner.next();
        complete(result.toString());
        return;
      }
      if (next == '$') {
        childIsDollar = true;
        push(new DollarFrame());
        return;
      }
      if (processQuotes && next == '\'') {
        String quoted = readSingleQuoted();
        result.append(quoted);
        if (words != null) {
          words.addRaw(quoted);
        }
        return;
      }
      if (processQuotes && next == '"') {
        childIsDollar = false;
        scanner.next();
        push(new DoubleQuoteFrame(rawEscapes));
        return;
      }
      int character = scanner.next();
      if (character == escapeToken) {
        if (rawEscapes) {
          addUnsplittable(character);
        }
        character = scanner.next();
        if (character == END) {
          return; // a trailing escape character is dropped; the next step meets the end
        }
        addUnsplittable(character);
      } else {
        result.appendCodePoint(character);
        if (words != null) {
          words.addCharacter(character);
        }
      }
    }

    private void addUnsplittable(int character) {
      result.appendCodePoint(character);
      if (words != null) {
        words.addRawCharacter(character);
      }
    }

    @Override
    void accept(String childValue) {
      result.append(childValue);
      if (words != null) {
        // A variable's value splits into words; a double-quoted string does not.
        if (childIsDollar) {
          words.addSplittable(childValue);
        } else {
          words.addRaw(childValue);
        }
      }
    }
  }

  /**
   * The inside of {@code "..."} (the opening quote already consumed). The escape character quotes
   * only {@code "}, {@code $} and itself; before anything else it stays as text.
   */
  private final class DoubleQuoteFrame extends Frame {
    private final boolean rawEscapes;
    private final StringBuilder result = new StringBuilder();

    DoubleQuoteFrame(boolean rawEscapes) {
      this.rawEscapes = rawEscapes;
    }

    @Override
    void step() throws Failure {
      int next = scanner.peek();
      if (next == END) {
        throw new Failure("unexpected end of statement while looking for matching double-quote");
      }
      if (next == '"') {
        scanner.next();
        complete(result.toString());
        return;
      }
      if (next == '$') {
        push(new DollarFrame());
        return;
      }
      int character = scanner.next();
      if (character == escapeToken) {
        // With raw escapes BuildKit writes an escape that quotes nothing twice: "\t" gives \\t.
        if (rawEscapes) {
          result.appendCodePoint(character);
        }
        int quoted = scanner.peek();
        if (quoted == END) {
          return; // the next step reports the missing quote
        }
        if (quoted == '"' || quoted == '$' || quoted == escapeToken) {
          character = scanner.next();
        }
      }
      result.appendCodePoint(character);
    }

    @Override
    void accept(String childValue) {
      result.append(childValue);
    }
  }

  /** {@code $name}, {@code ${name}} or {@code ${name OPERATOR ...}}: BuildKit's processDollar. */
  private final class DollarFrame extends Frame {
    private enum Phase {
      START,
      AWAITING_WORD,
      WORD_READY,
      AWAITING_PATTERN,
      AWAITING_REPLACEMENT,
      REPLACEMENT_READY
    }

    private Phase phase = Phase.START;
    private String name;
    private boolean nullIsUnset;
    private int operator;
    private boolean replaceAll;
    private String word;
    private String pattern;
    private String replacement;

    @Override
    void step() throws Failure {
      switch (phase) {
        case START -> begin();
        case WORD_READY -> complete(applyOperator());
        case REPLACEMENT_READY -> complete(substitute());
        default -> throw new IllegalStateException("stepped while awaiting a child: " + phase);
      }
    }

    private void begin() throws Failure {
      scanner.next(); // the $
      if (scanner.peek() != '{') {
        name = readName();
        if (name.isEmpty()) {
          complete("$"); // a lone dollar is text
          return;
        }
        complete(valueOrEmpty(lookUp(name)));
        return;
      }
      scanner.next(); // the {
      int first = scanner.peek();
      if (first == END) {
        throw new Failure("syntax error: missing '}'");
      }
      if (first == '{' || first == '}' || first == ':') {
        throw new Failure("syntax error: bad substitution");
      }
      name = readName();
      int next = scanner.next();
      switch (next) {
        case '}' -> complete(valueOrEmpty(lookUp(name)));
        case ':' -> {
          nullIsUnset = true;
          awaitWord(scanner.next());
        }
        case '+', '-', '?', '#', '%' -> awaitWord(next);
        case '/' -> {
          replaceAll = scanner.peek() == '/';
          if (replaceAll) {
            scanner.next();
          }
          phase = Phase.AWAITING_PATTERN;
          push(new SequenceFrame('/', true, null));
        }
        // BuildKit reports this as an unsupported modifier U+FFFD; the brace is what is missing.
        case END -> throw new Failure("syntax error: missing '}'");
        default -> throw unsupportedModifier(next);
      }
    }

    /** Reads the word after the operator up to the closing brace. */
    private void awaitWord(int operatorCharacter) {
      operator = operatorCharacter;
      phase = Phase.AWAITING_WORD;
      // Patterns keep their escape characters so the glob reader can tell \* from *.
      boolean rawEscapes = operatorCharacter == '#' || operatorCharacter == '%';
      push(new SequenceFrame('}', rawEscapes, null));
    }

    @Override
    void accept(String childValue) {
      switch (phase) {
        case AWAITING_WORD -> {
          word = childValue;
          phase = Phase.WORD_READY;
        }
        case AWAITING_PATTERN -> {
          pattern = childValue;
          phase = Phase.AWAITING_REPLACEMENT;
          push(new SequenceFrame('}', true, null));
        }
        case AWAITING_REPLACEMENT -> {
          replacement = childValue;
          phase = Phase.REPLACEMENT_READY;
        }
        default -> throw new IllegalStateException("child completed in phase " + phase);
      }
    }

    @Override
    String restateChildFailure(String reason) {
      // Any failure that ran into the end of the word inside ${...} means the ${...} is open.
      if (!scanner.atEnd()) {
        return reason;
      }
      return phase == Phase.AWAITING_PATTERN
          ? "syntax error: missing '/' in ${}"
          : "syntax error: missing '}'";
    }

    private String applyOperator() throws Failure {
      String value = lookUp(name);
      boolean absent = value == null || (nullIsUnset && value.isEmpty());
      switch (operator) {
        case '-':
          return absent ? word : value;
        case '+':
          return absent ? "" : word;
        case '?':
          if (value == null) {
            throw new Failure(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
          }
          if (absent) {
            throw new Failure(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
          }
          return value;
        case '#':
        case '%':
          boolean longest = !word.isEmpty() && word.charAt(0) == operator;
          String glob = longest ? word.substring(1) : word;
          try {
            return operator == '#'
                ? PatternSubstitutions.removePrefix(glob, valueOrEmpty(value), longest)
                : PatternSubstitutions.removeSuffix(glob, valueOrEmpty(value), longest);
          } catch (InvalidPatternException invalid) {
            throw invalidPattern(glob, invalid);
          }
        default:
          throw unsupportedModifier(operator);
      }
    }

    private String substitute() throws Failure {
      String value = valueOrEmpty(lookUp(name));
      try {
        return replaceAll
            ? PatternSubstitutions.replaceAll(pattern, value, replacement)
            : PatternSubstitutions.replaceFirst(pattern, value, replacement);
      } catch (InvalidPatternException invalid) {
        throw invalidPattern(pattern, invalid);
      }
    }

    private Failure unsupportedModifier(int character) {
      String modifier =
          (nullIsUnset ? ":" : "") + (character == END ? "" : Character.toString(character));
      return new Failure("unsupported modifier (" + modifier + ") in substitution");
    }

    private Failure invalidPattern(String glob, InvalidPatternException invalid) {
      return new Failure(
          "invalid pattern (" + glob + ") in substitution: " + invalid.getMessage());
    }
  }

  private static String valueOrEmpty(String value) {
    return value == null ? "" : value;
  }
}
