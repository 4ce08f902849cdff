package dev.jbuild.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Go and BuildKit text rules the parser is built on. */
class TextRulesTest {
  @Test
  void quote_specialCharacters_useGoEscapes() {
    assertThat(GoText.quote("a\"b\\c\n\u0001\u00a0\u00e9\uD83D\uDE00\uDB40\uDC01"))
        .isEqualTo("\"a\\\"b\\\\c\\n\\x01\\u00a0\u00e9\uD83D\uDE00\\U000e0001\"");
  }

  @Test
  void trimSpace_unicodeSpaces_areTrimmed() {
    assertThat(GoText.trimSpace("\u00a0\u3000 a b\t\u2009")).isEqualTo("a b");
  }

  @Test
  void splitWords_quotesAndEscapes_areKept() {
    assertThat(BuildKitWords.split("a=\"x y\" b='p q' c=d\\ e f\\", '\\'))
        .containsExactly("a=\"x y\"", "b='p q'", "c=d\\ e", "f");
  }

  @Test
  void splitWords_emptyQuotes_makeAnEmptyWord() {
    assertThat(BuildKitWords.split("'' b", '\\')).containsExactly("''", "b");
  }

  @Test
  void parseJson_validArray_givesTheStrings() throws Exception {
    assertThat(JsonStringArrays.parse("  [ \"a\" , \"\" ]\r\n")).containsExactly("a", "");
  }

  @Test
  void parseJson_notAnArray_isNull() throws Exception {
    assertThat(JsonStringArrays.parse("\"a\"")).isNull();
    assertThat(JsonStringArrays.parse("[\"a\"]]")).isNull();
    assertThat(JsonStringArrays.parse("[-]")).isNull();
    assertThat(JsonStringArrays.parse("[1.]")).isNull();
  }

  @Test
  void parseJson_numbersAndLiterals_areValidJsonButNotStrings() {
    assertThatThrownBy(() -> JsonStringArrays.parse("[-0.5e+10, true, false, null, {\"a\": [1, {}]}]"))
        .isInstanceOf(JsonStringArrays.NotStringArrayException.class);
  }

  @Test
  void heredocWords_openings_areFoundInOrder() throws Exception {
    assertThat(HeredocWords.openedBy("RUN cat <<A <<-'B' 2<<\"C\"D x<<E \"<<F\" <<<G <<"))
        .containsExactly(new HeredocWords.Opening("A", false, true),
            new HeredocWords.Opening("B", true, false), new HeredocWords.Opening("CD", false, false));
  }

  @Test
  void heredocWords_unterminatedQuote_opensNothing() throws Exception {
    assertThat(HeredocWords.openedBy("RUN cat <<EOF 'oops")).isEmpty();
  }

  @Test
  void heredocWords_variablesAreKeptAsWritten() throws Exception {
    assertThat(HeredocWords.openedBy("RUN ${A:-x} $B <<$NAME")).containsExactly(new HeredocWords.Opening("$NAME", false, true));
  }

  @Test
  void heredocWords_deeplyNestedSubstitutions_doNotOverflowTheStack() throws Exception {
    String nested = "${a:-".repeat(50_000) + "}".repeat(50_000);

    assertThat(HeredocWords.openedBy("RUN " + nested + " <<EOF")).isEmpty();
  }

  @Test
  void durations_goSyntax_isParsed() throws Exception {
    assertThat(GoDurations.parseNanos("1h2m3.5s")).isEqualTo(3_723_500_000_000L);
    assertThat(GoDurations.parseNanos("0")).isZero();
    assertThat(GoDurations.parseNanos("-1.5ms")).isEqualTo(-1_500_000L);
    assertThat(GoDurations.parseNanos("10\u00b5s")).isEqualTo(10_000L);
    assertThat(GoDurations.parseNanos(".5s")).isEqualTo(500_000_000L);
  }

  @Test
  void durations_invalid_failWithGoMessages() {
    assertThatThrownBy(() -> GoDurations.parseNanos("")).hasMessage("time: invalid duration \"\"");
    assertThatThrownBy(() -> GoDurations.parseNanos("1")).hasMessage("time: missing unit in duration \"1\"");
    assertThatThrownBy(() -> GoDurations.parseNanos("1d")).hasMessage("time: unknown unit \"d\" in duration \"1d\"");
    assertThatThrownBy(() -> GoDurations.parseNanos("99999999999h")).hasMessage("time: invalid duration \"99999999999h\"");
    assertThatThrownBy(() -> GoDurations.parseNanos("s")).hasMessage("time: invalid duration \"s\"");
  }

  @Test
  void suggestions_closeName_isSuggested() {
    assertThat(Suggestions.closest("ENTRYPIONT", InstructionFactory.KEYWORDS, false)).isEqualTo("ENTRYPOINT");
    assertThat(Suggestions.closest("workdri", InstructionFactory.KEYWORDS, false)).isEqualTo("WORKDIR");
    assertThat(Suggestions.closest("xyz", List.of("from", "chown"), true)).isNull();
  }

  @Test
  void frontendSyntax_builtInAndOthers_areTold() {
    assertThat(FrontendSyntax.isBuiltIn("docker/dockerfile:1.4 --some-arg")).isTrue();
    assertThat(FrontendSyntax.isBuiltIn("localhost:5000/docker/dockerfile:1")).isTrue();
    assertThat(FrontendSyntax.isBuiltIn("docker/dockerfile:10")).isFalse();
    assertThat(FrontendSyntax.isBuiltIn("evil/docker/dockerfile:1")).isFalse();
  }
}
