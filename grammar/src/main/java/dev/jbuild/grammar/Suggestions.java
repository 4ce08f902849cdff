package dev.jbuild.grammar;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean" suggestions: the closest known name within an edit distance of two, as BuildKit
 * suggests instructions and flags.
 */
final class Suggestions {
  private static final int MAXIMUM_DISTANCE = 2;

  private Suggestions() {}

  /**
   * The message with {@code (did you mean X?)} appended when one of the names is close to value;
   * the message alone otherwise.
   */
  static String withSuggestion(String message, String value, Collection<String> names, boolean caseSensitive) {
    String closest = closest(value, names, caseSensitive);
    return closest == null ? message : message + " (did you mean " + closest + "?)";
  }

  static String closest(String value, Collection<String> names, boolean caseSensitive) {
    String wanted = caseSensitive ? value : value.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = MAXIMUM_DISTANCE + 1;
    for (String name : names) {
      String candidate = caseSensitive ? name : name.toLowerCase(Locale.ROOT);
      if (Math.abs(candidate.length() - wanted.length()) > MAXIMUM_DISTANCE) {
        continue;
      }
      int distance = distance(wanted, candidate);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = name;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String from, String to) {
    int[] previous = new int[to.length() + 1];
    int[] current = new int[to.length() + 1];
    for (int j = 0; j <= to.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= from.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= to.length(); j++) {
        int substitution = previous[j - 1] + (from.charAt(i - 1) == to.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[to.length()];
  }
}
