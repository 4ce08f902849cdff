package dev.jbuild.core.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.expand.ShellPattern.InvalidPatternException;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatternSubstitutionsTest {

  @Test
  void compile_regexMetacharacters_areLiteral() throws Exception {
    String value = "()[]{}^$.*?|\\rest";

    assertThat(PatternSubstitutions.removePrefix("()[]{\\}^$.\\*\\?|\\\\", value, false))
        .isEqualTo("rest");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\", "\\x", "\\\\\\", "ab\\c"})
  void compile_backslashBeforeOrdinaryCharacterOrAtEnd_isInvalid(String pattern) {
    assertThatThrownBy(() -> ShellPattern.compile(pattern))
        .isInstanceOf(InvalidPatternException.class)
        .hasMessageStartingWith("invalid escape");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ' ',
      quoteCharacter = '\u0000',
      value = {
        "a\\*c c\\*a",
        "\\\\\\ab b\\a\\\\",
        "ab\\ \\ba",
        "👽\\🚀🖖 🖖\\🚀👽",
        "\\\\b b\\\\",
      })
  void reversePattern_escapes_stayInFrontOfWhatTheyQuote(String pattern, String reversed) {
    assertThat(PatternSubstitutions.reversePattern(pattern)).isEqualTo(reversed);
  }

  @Test
  void removeSuffix_surrogatePairs_areReversedWhole() throws Exception {
    assertThat(PatternSubstitutions.removeSuffix("?", "a👽", false)).isEqualTo("a");
    assertThat(PatternSubstitutions.removeSuffix("🚀*", "a🚀b🚀c", true)).isEqualTo("a");
  }

  @Test
  void replaceAll_starPattern_replacesEachNonEmptyRunAndSkipsEmptyMatchesAfterThem()
      throws Exception {
    assertThat(PatternSubstitutions.replaceAll("*", "ab\ncd", "X")).isEqualTo("X\nX");
    assertThat(PatternSubstitutions.replaceAll("", "xxyy", "ww")).isEqualTo("wwxwwxwwywwyww");
    assertThat(PatternSubstitutions.replaceAll("*", "", "X")).isEqualTo("X");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ' ',
      quoteCharacter = '\u0000',
      value = {
        "<$0> <m>",
        "<${0}> <m>",
        "$$0 $0",
        "$1$x${x}${00} ''",
        "$ $",
        "${0 ${0",
        "$-x $-x",
        "a$ a$",
      })
  void expandTemplate_goTemplateSyntax_givesGoExpansion(String template, String expected) {
    String withoutMarker = expected.equals("''") ? "" : expected;
    assertThat(PatternSubstitutions.expandTemplate(template, "m")).isEqualTo(withoutMarker);
  }

  /**
   * Differential test: BuildKit turns the glob into a Go regular expression; for these patterns
   * Java's backtracking regex picks the same leftmost-first match, so Java's answer (with Go's
   * replace-all loop) is the reference our NFA walk must give.
   */
  @Test
  void substitutions_randomGlobs_agreeWithTheRegularExpressionBuildKitUses() throws Exception {
    Random random = new Random(20260829L);
    for (int round = 0; round < 20_000; round++) {
      String glob = randomGlob(random, 6);
      String value = randomText(random, "ab\n*?\\", 9);

      assertThat(PatternSubstitutions.removePrefix(glob, value, false))
          .as("${V#%s} on %s", glob, value)
          .isEqualTo(regexRemovePrefix(glob, value, false));
      assertThat(PatternSubstitutions.removePrefix(glob, value, true))
          .as("${V##%s} on %s", glob, value)
          .isEqualTo(regexRemovePrefix(glob, value, true));
      assertThat(PatternSubstitutions.replaceFirst(glob, value, "R"))
          .as("${V/%s/R} on %s", glob, value)
          .isEqualTo(regexReplaceFirst(glob, value));
      assertThat(PatternSubstitutions.replaceAll(glob, value, "R"))
          .as("${V//%s/R} on %s", glob, value)
          .isEqualTo(regexReplaceAllAsGo(glob, value));
      String reversedValue = new StringBuilder(value).reverse().toString();
      String reversedGlob = PatternSubstitutions.reversePattern(glob);
      assertThat(PatternSubstitutions.removeSuffix(glob, value, true))
          .as("${V%%%%%s} on %s", glob, value)
          .isEqualTo(
              new StringBuilder(regexRemovePrefix(reversedGlob, reversedValue, true))
                  .reverse()
                  .toString());
    }
  }

  /** Up to {@code maximumTokens} of: a, b, newline, *, ?, and the escapes \*, \? and \\. */
  private static String randomGlob(Random random, int maximumTokens) {
    String[] tokens = {"a", "b", "\n", "*", "?", "\\*", "\\?", "\\\\"};
    int length = random.nextInt(maximumTokens + 1);
    StringBuilder glob = new StringBuilder();
    for (int index = 0; index < length; index++) {
      glob.append(tokens[random.nextInt(tokens.length)]);
    }
    return glob.toString();
  }

  private static String randomText(Random random, String alphabet, int maximumLength) {
    int length = random.nextInt(maximumLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int index = 0; index < length; index++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** BuildKit's conversion of a glob to a regex; UNIX_LINES makes '.' Go's '.'. */
  private static Pattern regex(String glob, boolean greedy, boolean anchored) {
    StringBuilder regex = new StringBuilder(anchored ? "^" : "");
    for (int index = 0; index < glob.length(); index++) {
      char character = glob.charAt(index);
      switch (character) {
        case '*' -> regex.append(greedy ? ".*" : ".*?");
        case '?' -> regex.append('.');
        case '\\' -> regex.append(Pattern.quote(String.valueOf(glob.charAt(++index))));
        default -> regex.append(Pattern.quote(String.valueOf(character)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.UNIX_LINES);
  }

  private static String regexRemovePrefix(String glob, String value, boolean greedy) {
    Matcher matcher = regex(glob, greedy, true).matcher(value);
    return matcher.lookingAt() ? value.substring(matcher.end()) : value;
  }

  private static String regexReplaceFirst(String glob, String value) {
    Matcher matcher = regex(glob, true, false).matcher(value);
    if (!matcher.find()) {
      return value;
    }
    return value.substring(0, matcher.start()) + "R" + value.substring(matcher.end());
  }

  /** Go's Regexp.ReplaceAllString loop, with Java's matcher finding each leftmost match. */
  private static String regexReplaceAllAsGo(String glob, String value) {
    Matcher matcher = regex(glob, true, false).matcher(value);
    StringBuilder replaced = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPosition = 0;
    while (searchPosition <= value.length() && matcher.find(searchPosition)) {
      replaced.append(value, lastMatchEnd, matcher.start());
      if (matcher.end() > lastMatchEnd || matcher.start() == 0) {
        replaced.append('R');
      }
      lastMatchEnd = matcher.end();
      searchPosition = matcher.end() > searchPosition ? matcher.end() : searchPosition + 1;
    }
    return replaced.append(value.substring(lastMatchEnd)).toString();
  }
}
