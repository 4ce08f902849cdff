package dev.jbuild.core.expand;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of expanding one word (BuildKit's {@code ProcessWordResult}).
 *
 * @param result the expanded word, quotes and escapes removed, inner spaces kept
 * @param words the same text split into words: unquoted spaces, including those produced by a
 *     variable's value, separate words; quoted text stays in one word; empty words are dropped
 * @param matchedNames every variable name that was looked up and found, in lookup order; this is
 *     how a caller learns which build ARGs a step depends on
 * @param unmatchedNames every variable name that was looked up and not set, in lookup order
 */
public record Expansion(
    String result, List<String> words, Set<String> matchedNames, Set<String> unmatchedNames) {

  public Expansion {
    if (result == null) {
      throw new NullPointerException("result");
    }
    words = List.copyOf(words);
    matchedNames = Collections.unmodifiableSet(new LinkedHashSet<>(matchedNames));
    unmatchedNames = Collections.unmodifiableSet(new LinkedHashSet<>(unmatchedNames));
  }
}
