package dev.jbuild.core.expand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A glob from {@code ${V#p}}, {@code ${V%p}} or {@code ${V/p/r}}, read as BuildKit reads it: a
 * {@code *} is any run of characters, a {@code ?} one character, a backslash quotes {@code *},
 * {@code ?} or a backslash and is dropped before {@code }} and {@code /}; every other character,
 * brackets included, is itself. BuildKit turns the glob into a Go regular expression, whose
 * {@code .} never matches a newline, so neither wildcard matches one here.
 *
 * <p>Matching walks a bit-parallel NFA over the text (time proportional to text length times
 * pattern length over 64, memory linear; no backtracking, so no input makes it slow), and picks
 * the match a Go leftmost-first regexp would: the leftmost start, then for greedy stars the
 * longest end and for lazy stars the shortest. That is the same match because Go prefers each
 * star in turn longest (shortest), and such a chain of choices ends at or after (before) every
 * other match from that start.
 *
 * <p>Immutable and thread-safe.
 */
final class ShellPattern {
  /** Raised for a backslash that quotes nothing BuildKit allows to be quoted. */
  static final class InvalidPatternException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidPatternException(String message) {
      super(message);
    }
  }

  private static final int ANY_CHARACTER = -2;
  private static final int ANY_RUN = -3;

  /** Literal code points, {@link #ANY_CHARACTER} and {@link #ANY_RUN} (never two runs in a row). */
  private final int[] tokens;

  // The NFA: state j means "the first j tokens matched"; state tokens.length accepts.
  private final int wordCount;
  private final long[] runStates;
  private final long[] anyCharacterStates;
  private final Map<Integer, int[]> literalStates;
  private final long[] initialStates;

  private ShellPattern(int[] tokens) {
    this.tokens = tokens;
    this.wordCount = (tokens.length >>> 6) + 1;
    this.runStates = new long[wordCount];
    this.anyCharacterStates = new long[wordCount];
    Map<Integer, List<Integer>> positions = new HashMap<>();
    for (int state = 0; state < tokens.length; state++) {
      switch (tokens[state]) {
        case ANY_RUN -> setBit(runStates, state);
        case ANY_CHARACTER -> setBit(anyCharacterStates, state);
        default -> positions.computeIfAbsent(tokens[state], key -> new ArrayList<>()).add(state);
      }
    }
    this.literalStates = new HashMap<>();
    positions.forEach(
        (codePoint, states) ->
            literalStates.put(codePoint, states.stream().mapToInt(Integer::intValue).toArray()));
    this.initialStates = new long[wordCount];
    setBit(initialStates, 0);
    followRuns(initialStates);
  }

  /** Reads {@code pattern} with BuildKit's rules (see the class comment). */
  static ShellPattern compile(String pattern) throws InvalidPatternException {
    // A CodePointScanner, as BuildKit also reads the pattern with text/scanner (BOM skipped).
    CodePointScanner scanner = new CodePointScanner(pattern);
    List<Integer> tokens = new ArrayList<>();
    for (int token = scanner.next(); token != CodePointScanner.END; token = scanner.next()) {
      switch (token) {
        case '*' -> {
          // Adjacent stars match exactly what one star matches, with the same preferred end.
          if (tokens.isEmpty() || tokens.get(tokens.size() - 1) != ANY_RUN) {
            tokens.add(ANY_RUN);
          }
        }
        case '?' -> tokens.add(ANY_CHARACTER);
        case '\\' -> {
          int quoted = scanner.peek();
          if (quoted == '}' || quoted == '/') {
            // Escaped only to get past the ${...} syntax; the character itself is read next.
            continue;
          }
          scanner.next();
          if (quoted != '*' && quoted != '?' && quoted != '\\') {
            throw new InvalidPatternException(
                quoted == CodePointScanner.END
                    ? "invalid escape '\\' at the end of the pattern"
                    : "invalid escape '\\" + Character.toString(quoted) + "'");
          }
          tokens.add(quoted);
        }
        default -> tokens.add(token);
      }
    }
    return new ShellPattern(tokens.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The end of the match that starts at {@code start}, or -1 when none does: the longest such
   * match when {@code greedy}, else the shortest.
   */
  int matchEnd(int[] text, int start, boolean greedy) {
    long[] states = initialStates.clone();
    long[] nextStates = new long[wordCount];
    long[] scratch = new long[wordCount];
    int end = -1;
    for (int position = start; ; position++) {
      if (accepts(states)) {
        end = position;
        if (!greedy) {
          return end;
        }
      }
      if (position == text.length || isEmpty(states)) {
        return end;
      }
      step(states, text[position], nextStates, scratch);
      long[] swap = states;
      states = nextStates;
      nextStates = swap;
    }
  }

  /**
   * Every position in {@code 0..text.length} where some match starts, found in one right-to-left
   * pass of the reversed pattern (a glob reversed is a glob for the reversed text).
   */
  BitSet matchStarts(int[] text) {
    ShellPattern reversed = new ShellPattern(reversedTokens());
    BitSet starts = new BitSet(text.length + 1);
    long[] states = reversed.initialStates.clone();
    long[] nextStates = new long[reversed.wordCount];
    long[] scratch = new long[reversed.wordCount];
    for (int consumed = 0; ; consumed++) {
      if (reversed.accepts(states)) {
        starts.set(text.length - consumed);
      }
      if (consumed == text.length) {
        return starts;
      }
      reversed.step(states, text[text.length - 1 - consumed], nextStates, scratch);
      // A reversed match may begin at every position, so the initial states join each step.
      for (int word = 0; word < reversed.wordCount; word++) {
        nextStates[word] |= reversed.initialStates[word];
      }
      long[] swap = states;
      states = nextStates;
      nextStates = swap;
    }
  }

  private int[] reversedTokens() {
    int[] reversed = new int[tokens.length];
    for (int index = 0; index < tokens.length; index++) {
      reversed[index] = tokens[tokens.length - 1 - index];
    }
    return reversed;
  }

  /** Moves every state in {@code states} over {@code codePoint} into {@code into}. */
  private void step(long[] states, int codePoint, long[] into, long[] scratch) {
    boolean newline = codePoint == '\n';
    // scratch = the states whose token matches codePoint
    if (newline) {
      Arrays.fill(scratch, 0L);
    } else {
      System.arraycopy(anyCharacterStates, 0, scratch, 0, wordCount);
    }
    int[] literal = literalStates.get(codePoint);
    if (literal != null) {
      for (int state : literal) {
        setBit(scratch, state);
      }
    }
    long carry = 0L;
    for (int word = 0; word < wordCount; word++) {
      long advancing = states[word] & scratch[word];
      into[word] = (advancing << 1) | carry;
      carry = advancing >>> 63;
      if (!newline) {
        into[word] |= states[word] & runStates[word]; // a run absorbs the character and stays
      }
    }
    followRuns(into);
  }

  /** Adds, for each active run state, the state after it (the run may match nothing). */
  private void followRuns(long[] states) {
    // One pass is enough because runs are never adjacent.
    long carry = 0L;
    for (int word = 0; word < wordCount; word++) {
      long runs = states[word] & runStates[word];
      states[word] |= (runs << 1) | carry;
      carry = runs >>> 63;
    }
  }

  private boolean accepts(long[] states) {
    int accepting = tokens.length;
    return (states[accepting >>> 6] & (1L << accepting)) != 0;
  }

  private static boolean isEmpty(long[] states) {
    for (long word : states) {
      if (word != 0L) {
        return false;
      }
    }
    return true;
  }

  private static void setBit(long[] bits, int index) {
    bits[index >>> 6] |= 1L << index;
  }
}
