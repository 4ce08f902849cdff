package dev.jbuild.core.expand;

import dev.jbuild.core.expand.ShellPattern.InvalidPatternException;
import java.util.BitSet;

/**
 * The glob operators on a variable's value: {@code ${V#p}}, {@code ${V##p}}, {@code ${V%p}},
 * {@code ${V%%p}}, {@code ${V/p/r}} and {@code ${V//p/r}}, with BuildKit's results. All positions
 * are in code points, as Go's are in runes.
 */
final class PatternSubstitutions {
  private PatternSubstitutions() {}

  /** {@code ${V#p}} (shortest) and {@code ${V##p}} (longest): drops a matching prefix. */
  static String removePrefix(String pattern, String value, boolean longest)
      throws InvalidPatternException {
    int[] text = value.codePoints().toArray();
    int end = ShellPattern.compile(pattern).matchEnd(text, 0, longest);
    return end < 0 ? value : new String(text, end, text.length - end);
  }

  /**
   * {@code ${V%p}} (shortest) and {@code ${V%%p}} (longest): drops a matching suffix. Like
   * BuildKit, this reverses the value and the pattern (keeping each backslash before the
   * character it quotes) and drops a prefix; that also decides what a pattern ending in a lone
   * backslash means.
   */
  static String removeSuffix(String pattern, String value, boolean longest)
      throws InvalidPatternException {
    String reversedRemainder = removePrefix(reversePattern(pattern), reverse(value), longest);
    return reverse(reversedRemainder);
  }

  /** {@code ${V/p/r}}: replaces the leftmost longest match, {@code replacement} taken as is. */
  static String replaceFirst(String pattern, String value, String replacement)
      throws InvalidPatternException {
    ShellPattern compiled = ShellPattern.compile(pattern);
    int[] text = value.codePoints().toArray();
    int start = compiled.matchStarts(text).nextSetBit(0);
    if (start < 0) {
      return value;
    }
    int end = compiled.matchEnd(text, start, true);
    return new String(text, 0, start) + replacement + new String(text, end, text.length - end);
  }

  /**
   * {@code ${V//p/r}}: replaces every match, as Go's {@code Regexp.ReplaceAllString} does it,
   * which is what BuildKit calls: after a match the search resumes at its end (one character on
   * for an empty match), an empty match right after a match is not replaced, and the replacement
   * is a Go template (see {@link #expandTemplate}).
   */
  static String replaceAll(String pattern, String value, String replacement)
      throws InvalidPatternException {
    ShellPattern compiled = ShellPattern.compile(pattern);
    int[] text = value.codePoints().toArray();
    BitSet starts = compiled.matchStarts(text);
    StringBuilder replaced = new StringBuilder(value.length());
    int lastMatchEnd = 0;
    int searchPosition = 0;
    while (searchPosition <= text.length) {
      int start = starts.nextSetBit(searchPosition);
      if (start < 0) {
        break;
      }
      int end = compiled.matchEnd(text, start, true);
      replaced.append(new String(text, lastMatchEnd, start - lastMatchEnd));
      if (end > lastMatchEnd || start == 0) {
        replaced.append(expandTemplate(replacement, new String(text, start, end - start)));
      }
      lastMatchEnd = end;
      searchPosition = end > searchPosition ? end : searchPosition + 1;
    }
    replaced.append(new String(text, lastMatchEnd, text.length - lastMatchEnd));
    return replaced.toString();
  }

  /**
   * Go's regexp template expansion of {@code template} for one match: {@code $$} is a dollar,
   * {@code $name} / {@code ${name}} a capture group, anything else after {@code $} leaves the
   * dollar as text. BuildKit's regexp has no groups of its own, so {@code $0} / {@code ${0}} give
   * the whole match and every other reference gives nothing.
   */
  static String expandTemplate(String template, String match) {
    if (template.indexOf('$') < 0) {
      return template;
    }
    StringBuilder expanded = new StringBuilder(template.length());
    int index = 0;
    while (true) {
      int dollar = template.indexOf('$', index);
      if (dollar < 0) {
        break;
      }
      expanded.append(template, index, dollar);
      index = dollar + 1;
      if (index < template.length() && template.charAt(index) == '$') {
        expanded.append('$');
        index++;
        continue;
      }
      int cursor = index;
      boolean braced = cursor < template.length() && template.charAt(cursor) == '{';
      if (braced) {
        cursor++;
      }
      int nameStart = cursor;
      while (cursor < template.length()
          && ShellCharacters.isNameCharacter(template.codePointAt(cursor))) {
        cursor += Character.charCount(template.codePointAt(cursor));
      }
      String name = template.substring(nameStart, cursor);
      boolean closed = !braced || (cursor < template.length() && template.charAt(cursor) == '}');
      if (name.isEmpty() || !closed) {
        expanded.append('$'); // malformed: the dollar is text, scanning goes on after it
        continue;
      }
      if (braced) {
        cursor++;
      }
      if (name.equals("0")) {
        expanded.append(match);
      }
      index = cursor;
    }
    expanded.append(template, index, template.length());
    return expanded.toString();
  }

  /** Reverses by code points, keeping each backslash in front of the character it quotes. */
  static String reversePattern(String pattern) {
    int[] forward = pattern.codePoints().toArray();
    int[] backward = new int[forward.length];
    int last = forward.length - 1;
    for (int index = 0; index <= last; ) {
      int outIndex = last - index;
      if (forward[index] == '\\' && index != last) {
        backward[outIndex - 1] = '\\';
        backward[outIndex] = forward[index + 1];
        index += 2;
      } else {
        backward[outIndex] = forward[index];
        index++;
      }
    }
    return new String(backward, 0, backward.length);
  }

  private static String reverse(String text) {
    // StringBuilder.reverse keeps surrogate pairs together, so this reverses code points.
    return new StringBuilder(text).reverse().toString();
  }
}
