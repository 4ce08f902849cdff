package dev.jbuild.core.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Adversarial input neither overflows the stack nor takes long: the expander keeps its nesting
 * on the heap and glob matching never backtracks. The time limits are far above the actual
 * milliseconds so a busy machine does not make them flaky; a regression to recursion or
 * backtracking would blow them (or the stack) by orders of magnitude.
 */
class ExpansionRobustnessTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final int DEPTH = 200_000;

  private final ShellLexer lexer = new ShellLexer('\\');

  @Test
  void processWord_deeplyNestedDefaults_expandsWithoutStackOverflow() {
    String word = "${A:-".repeat(DEPTH) + "x" + "}".repeat(DEPTH);

    Expansion expansion =
        assertTimeoutPreemptively(GENEROUS, () -> lexer.processWordWithMatches(word, Env.empty()));

    assertThat(expansion.result()).isEqualTo("x");
    assertThat(expansion.unmatchedNames()).containsExactly("A");
  }

  @Test
  void processWord_deeplyNestedQuotesAndDefaults_expandsWithoutStackOverflow() {
    String word = "\"${A:-".repeat(DEPTH) + "x y" + "}\"".repeat(DEPTH);

    String result = assertTimeoutPreemptively(GENEROUS, () -> lexer.processWord(word, Env.empty()));

    assertThat(result).isEqualTo("x y");
  }

  @Test
  void processWord_deeplyNestedAndUnclosed_failsWithMissingBrace() {
    String word = "${A:-".repeat(DEPTH) + "x";

    assertTimeoutPreemptively(
        GENEROUS,
        () ->
            assertThatThrownBy(() -> lexer.processWord(word, Env.empty()))
                .isInstanceOf(ExpansionException.class)
                .extracting(failure -> ((ExpansionException) failure).reason())
                .isEqualTo("syntax error: missing '}'"));
  }

  @Test
  void processWords_longWordWithManyVariables_isLinear() {
    String word = "plain text $A ${B:-b} 'quoted' \"$A\" ".repeat(100_000);
    Env env = Env.of(Map.of("A", "a a"));

    int wordCount =
        assertTimeoutPreemptively(GENEROUS, () -> lexer.processWords(word, env).size());

    // plain, text, a, a, b, quoted, "a a" per repetition
    assertThat(wordCount).isEqualTo(100_000 * 7);
  }

  @Test
  void processWord_globsThatMakeBacktrackersExplode_finishQuickly() {
    // As a backtracking regex, "(.*a){40}.*b" against 20,000 a's and no b takes forever.
    String stars = "*a".repeat(40) + "*b";
    Env env = Env.of(Map.of("V", "a".repeat(20_000), "P", stars));

    assertTimeoutPreemptively(
        GENEROUS,
        () -> {
          assertThat(lexer.processWord("${V##$P}", env)).hasSize(20_000);
          assertThat(lexer.processWord("${V%%$P}", env)).hasSize(20_000);
          assertThat(lexer.processWord("${V/$P/x}", env)).hasSize(20_000);
          assertThat(lexer.processWord("${V//$P/x}", env)).hasSize(20_000);
          assertThat(lexer.processWord("${V//*a/x}", env)).isEqualTo("x");
          assertThat(lexer.processWord("${V//?/x}", env)).hasSize(20_000);
        });
  }

  @Test
  void processWord_longPatternOnLongValue_finishesQuickly() {
    String value = "ab".repeat(50_000);
    String pattern = "?b".repeat(5_000) + "*" + "a?".repeat(5_000);
    Env env = Env.of(Map.of("V", value, "P", pattern));

    String result =
        assertTimeoutPreemptively(GENEROUS, () -> lexer.processWord("${V#$P}", env));

    assertThat(result).isEqualTo("ab".repeat(40_000));
  }
}
