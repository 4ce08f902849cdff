package dev.jbuild.core.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ShellLexerTest {
  private final ShellLexer lexer = new ShellLexer('\\');
  private final ShellLexer backtickLexer = new ShellLexer('`');

  private static final Env ENV =
      Env.of(Map.of("SET", "value", "EMPTY", "", "PATH_VALUE", "/usr/local/bin:/usr/bin"));

  // --- the operators ---

  @ParameterizedTest(name = "{0} -> [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      emptyValue = "",
      value = {
        "$SET|value",
        "${SET}|value",
        "$UNSET|''",
        "x${SET}y|xvaluey",
        "${SET:-default}|value",
        "${EMPTY:-default}|default",
        "${UNSET:-default}|default",
        "${SET-default}|value",
        "${EMPTY-default}|''",
        "${UNSET-default}|default",
        "${SET:+alt}|alt",
        "${EMPTY:+alt}|''",
        "${UNSET:+alt}|''",
        "${SET+alt}|alt",
        "${EMPTY+alt}|alt",
        "${UNSET+alt}|''",
        "${SET:?must be set}|value",
        "${SET?must be set}|value",
        "${EMPTY?must be set}|''",
        "${PATH_VALUE#*:}|/usr/bin",
        "${PATH_VALUE##*/}|bin",
        "${PATH_VALUE%:*}|/usr/local/bin",
        "${PATH_VALUE%%/bin*}|/usr/local",
        "${PATH_VALUE/bin/sbin}|/usr/local/sbin:/usr/bin",
        "${PATH_VALUE//bin/sbin}|/usr/local/sbin:/usr/sbin",
        "${PATH_VALUE//?usr/}|/local/bin:/bin",
        "${UNSET:-${SET}}|value",
        "${UNSET:-a ${UNSET2:-b} c}|a b c",
      })
  void processWord_eachOperator_givesShellAnswer(String word, String expected) throws Exception {
    String withoutMarker = expected.equals("''") ? "" : expected;
    assertThat(lexer.processWord(word, ENV)).isEqualTo(withoutMarker);
  }

  @Test
  void processWord_patternsAreGlobsWithoutBrackets_bracketsAndDotsAreLiteral() throws Exception {
    Env env = Env.of(Map.of("V", "a.b[c]*d"));

    assertThat(lexer.processWord("${V#a.b[c]}", env)).isEqualTo("*d");
    assertThat(lexer.processWord("${V%\\*d}", env)).isEqualTo("a.b[c]");
    assertThat(lexer.processWord("${V#a?b}", env)).isEqualTo("[c]*d");
  }

  @Test
  void processWord_wildcards_neverMatchANewline() throws Exception {
    Env env = Env.of(Map.of("V", "one\ntwo"));

    assertThat(lexer.processWord("${V##*o}", env)).isEqualTo("ne\ntwo");
    assertThat(lexer.processWord("${V%%o*}", env)).isEqualTo("one\ntw");
    assertThat(lexer.processWord("${V//*/X}", env)).isEqualTo("X\nX");
    assertThat(lexer.processWord("${V/e?t/X}", env)).isEqualTo("one\ntwo");
  }

  @Test
  void processWord_replaceAllReplacement_isAGoTemplate() throws Exception {
    Env env = Env.of(Map.of("V", "foo", "MATCH", "<$0>", "DOLLARS", "$$", "GROUP", "[$1]"));

    assertThat(lexer.processWord("${V//o/$MATCH}", env)).isEqualTo("f<o><o>");
    assertThat(lexer.processWord("${V//o/$DOLLARS}", env)).isEqualTo("f$$");
    assertThat(lexer.processWord("${V//o/$GROUP}", env)).isEqualTo("f[][]");
    assertThat(lexer.processWord("${V/o/$MATCH}", env))
        .as("a single replacement is taken literally")
        .isEqualTo("f<$0>o");
  }

  @Test
  void processWord_replaceAllWithAStarOnly_replacesEachLineOnceAsGoDoes() throws Exception {
    Env env = Env.of(Map.of("V", "abc"));

    // Java's String.replaceAll(".*", "R") gives "RR"; Go, and so BuildKit, gives "R".
    assertThat(lexer.processWord("${V//*/R}", env)).isEqualTo("R");
    assertThat(lexer.processWord("${V///R}", env)).isEqualTo("RaRbRcR");
  }

  @Test
  void processWord_positionalAndSpecialParameters_areUnsetNames() throws Exception {
    assertThat(lexer.processWord("a$1b$@c$$d${10}e", ENV)).isEqualTo("abcde");
    assertThat(lexer.processWordWithMatches("$1$@$$", ENV).unmatchedNames())
        .containsExactly("1", "@", "$");
  }

  @Test
  void processWord_dollarWithoutName_isLiteral() throws Exception {
    assertThat(lexer.processWord("cost: $ 5 $. $", ENV)).isEqualTo("cost: $ 5 $. $");
  }

  // --- quotes and escapes ---

  @ParameterizedTest(name = "{0} -> [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "'$SET'|$SET",
        "\"$SET\"|value",
        "\"'$SET'\"|'value'",
        "'\"$SET\"'|\"$SET\"",
        "\\$SET|$SET",
        "\"\\$SET\"|$SET",
        "\"a\\\"b\"|a\"b",
        "\"a\\tb\"|a\\tb",
        "a\\tb|atb",
        "'a\\'|a\\",
        "trailing\\|trailing",
      })
  void processWord_quotesAndBackslash_actAsBuildKitDoes(String word, String expected)
      throws Exception {
    assertThat(lexer.processWord(word, ENV)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> [{1}]")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "`$SET|$SET",
        "\"`$SET\"|$SET",
        "\"a`\"b\"|a\"b",
        "\"a``b\"|a`b",
        "\"a`b\"|a`b",
        "C:\\Windows\\$SET|C:\\Windows\\value",
        "a`tb|atb",
        "trailing`|trailing",
        "'`$SET'|`$SET",
      })
  void processWord_backtickEscape_replacesBackslash(String word, String expected)
      throws Exception {
    assertThat(backtickLexer.processWord(word, ENV)).isEqualTo(expected);
  }

  @Test
  void processWords_backtickEscapedSpace_staysInTheWord() throws Exception {
    assertThat(backtickLexer.processWords("a` b c\\ d", ENV)).containsExactly("a b", "c\\", "d");
  }

  @Test
  void constructor_otherEscapeCharacter_isRejected() {
    assertThatThrownBy(() -> new ShellLexer('^'))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("escape character must be");
  }

  @Test
  void withoutQuoteProcessing_quotes_stayAsTextWhileVariablesExpand() throws Exception {
    ShellLexer heredocLexer = lexer.withoutQuoteProcessing();

    assertThat(heredocLexer.processWord("echo '$SET' \"${SET}\" \\$SET", ENV))
        .isEqualTo("echo 'value' \"value\" $SET");
    assertThat(heredocLexer.processWord("unbalanced ' and \" are fine", ENV))
        .isEqualTo("unbalanced ' and \" are fine");
    assertThat(heredocLexer.processesQuotes()).isFalse();
    assertThat(lexer.processesQuotes()).isTrue();
  }

  // --- words ---

  @Test
  void processWords_unquotedSpacesAndValues_splitWords() throws Exception {
    Env env = Env.of(Map.of("LIST", "  a  b ", "NONE", ""));

    assertThat(lexer.processWords("x$LIST\"y  z\" $NONE \"\" '' end", env))
        .containsExactly("x", "a", "b", "y  z", "end");
  }

  @Test
  void processWords_quotedValue_staysOneWord() throws Exception {
    Env env = Env.of(Map.of("LIST", "a b"));

    assertThat(lexer.processWords("\"$LIST\" $LIST", env)).containsExactly("a b", "a", "b");
  }

  @Test
  void processWords_onlyEmptyThings_givesNoWords() throws Exception {
    assertThat(lexer.processWords("  \"\" $UNSET ''  ", ENV)).isEmpty();
  }

  // --- names looked up ---

  @Test
  void processWordWithMatches_buildKitPlatformExample_reportsTheNamesUsed() throws Exception {
    String word =
        "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
    Env env = Env.of(Map.of("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm64"));

    Expansion expansion = lexer.processWordWithMatches(word, env);

    assertThat(expansion.result()).isEqualTo("something-v1.2.3.linux-arm64.tar.gz");
    assertThat(expansion.matchedNames()).containsExactly("VERSION", "TARGETOS", "TARGETARCH");
    assertThat(expansion.unmatchedNames()).containsExactly("TARGETVARIANT");
    assertThat(expansion.words()).containsExactly("something-v1.2.3.linux-arm64.tar.gz");
  }

  @Test
  void processWordWithMatches_unusedDefault_stillCountsItsNames() throws Exception {
    Expansion expansion = lexer.processWordWithMatches("${SET:-$OTHER}", ENV);

    assertThat(expansion.result()).isEqualTo("value");
    assertThat(expansion.matchedNames()).containsExactly("SET");
    assertThat(expansion.unmatchedNames()).containsExactly("OTHER");
  }

  @Test
  void processWordWithMatches_quotedNames_areNotLookedUp() throws Exception {
    Expansion expansion = lexer.processWordWithMatches("'$SET' \\$EMPTY", ENV);

    assertThat(expansion.matchedNames()).isEmpty();
    assertThat(expansion.unmatchedNames()).isEmpty();
  }

  /** The cases of BuildKit's TestProcessWithMatches: result, names found, names missing. */
  static Stream<Arguments> buildKitMatchCases() {
    Map<String, String> fooBar = Map.of("FOO", "xxx", "BAR", "");
    return Stream.of(
        Arguments.of("x", Map.of("DUMMY", "dummy"), "x", Set.of(), Set.of()),
        Arguments.of("x ${UNUSED}", Map.of("DUMMY", "dummy"), "x ", Set.of(), Set.of("UNUSED")),
        Arguments.of("x ${FOO}", Map.of("FOO", "y"), "x y", Set.of("FOO"), Set.of()),
        Arguments.of(
            "${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}",
            fooBar,
            "xxx  ccc",
            Set.of("FOO", "BAR"),
            Set.of("BAZ")),
        Arguments.of(
            "${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}",
            fooBar,
            "xxx bbb ccc",
            Set.of("FOO", "BAR"),
            Set.of("BAZ")),
        Arguments.of("${FOO:-}", fooBar, "xxx", Set.of("FOO"), Set.of()),
        Arguments.of("${FOO:-}", Map.of(), "", Set.of(), Set.of("FOO")),
        Arguments.of(
            "${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}",
            fooBar,
            "aaa bbb ",
            Set.of("FOO", "BAR"),
            Set.of("BAZ")),
        Arguments.of(
            "${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}",
            fooBar,
            "aaa  ",
            Set.of("FOO", "BAR"),
            Set.of("BAZ")),
        Arguments.of("${FOO?aaa}", fooBar, "xxx", Set.of("FOO"), Set.of()),
        Arguments.of("${BAR?bbb}", fooBar, "", Set.of("BAR"), Set.of()),
        Arguments.of("${FOO:?aaa}", fooBar, "xxx", Set.of("FOO"), Set.of()),
        Arguments.of(
            "${FOO#()[]{\\}^$.\\*\\?|\\\\}",
            Map.of("FOO", "()[]{}^$.*?|\\x"),
            "x",
            Set.of("FOO"),
            Set.of()),
        Arguments.of("${FOO%%\\**}", Map.of("FOO", "xx**"), "xx", Set.of("FOO"), Set.of()),
        Arguments.of("${FOO#*x*y}", Map.of("FOO", "xxyy"), "y", Set.of("FOO"), Set.of()),
        Arguments.of("${FOO#*}", Map.of("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
        Arguments.of(
            "${FOO#$BAR}",
            Map.of("FOO", "xxyy", "BAR", "x"),
            "xyy",
            Set.of("FOO", "BAR"),
            Set.of()),
        Arguments.of(
            "${FOO#$BAR}",
            Map.of("FOO", "xxyy", "BAR", ""),
            "xxyy",
            Set.of("FOO", "BAR"),
            Set.of()),
        Arguments.of("${FOO#}", Map.of("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
        Arguments.of("${FOO##*x}", Map.of("FOO", "xxyy"), "yy", Set.of("FOO"), Set.of()),
        Arguments.of("${FOO##}", Map.of("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
        Arguments.of("${FOO#?\\?}", Map.of("FOO", "???y"), "?y", Set.of("FOO"), Set.of()),
        Arguments.of(
            "${ABC:-.}${FOO%x}${ABC:-.}",
            Map.of("FOO", "xxyy"),
            ".xxyy.",
            Set.of("FOO"),
            Set.of("ABC")),
        Arguments.of("${FOO%%\\**\\*}", Map.of("FOO", "a***yy*"), "a", Set.of("FOO"), Set.of()),
        Arguments.of("${FOO%}", Map.of("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
        Arguments.of(
            "${FOO%%$BAR}",
            Map.of("FOO", "xxyy", "BAR", ""),
            "xxyy",
            Set.of("FOO", "BAR"),
            Set.of()),
        Arguments.of(
            "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
            Map.of("FOO", "/foo*/*/*.txt", "NEEDLE", "\\*/"),
            "/foo.*/*.txt - /foo..*.txt",
            Set.of("FOO", "NEEDLE"),
            Set.of()),
        Arguments.of(
            "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
            Map.of("FOO", "/tmp/tmp/bar.txt", "NEEDLE", "/tmp"),
            "/tmp/bar.txt - /bar.txt",
            Set.of("FOO", "NEEDLE"),
            Set.of()),
        Arguments.of(
            "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
            Map.of("FOO", "/a/foo/b/c.txt", "NEEDLE", "/?/", "REPLACEMENT", "/"),
            "/foo/b/c.txt - /foo/c.txt",
            Set.of("FOO", "NEEDLE", "REPLACEMENT"),
            Set.of()),
        Arguments.of(
            "${FOO/$NEEDLE/$REPLACEMENT}",
            Map.of("FOO", "http://google.de", "NEEDLE", "http://", "REPLACEMENT", "https://"),
            "https://google.de",
            Set.of("FOO", "NEEDLE", "REPLACEMENT"),
            Set.of()),
        Arguments.of(
            "${FOO//\\//\\/}",
            Map.of("FOO", "/tmp/foo.txt"),
            "\\/tmp\\/foo.txt",
            Set.of("FOO"),
            Set.of()),
        Arguments.of(
            "${FOO/$BAR/ww}",
            Map.of("FOO", "xxyy", "BAR", ""),
            "wwxxyy",
            Set.of("FOO", "BAR"),
            Set.of()),
        Arguments.of("${FOO///}", Map.of("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
        Arguments.of("${FOO///}", Map.of(), "", Set.of(), Set.of("FOO")));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("buildKitMatchCases")
  void processWordWithMatches_buildKitCase_givesResultAndNames(
      String word,
      Map<String, String> variables,
      String result,
      Set<String> matched,
      Set<String> unmatched)
      throws Exception {
    Expansion expansion = lexer.processWordWithMatches(word, Env.of(variables));

    assertThat(expansion.result()).isEqualTo(result);
    assertThat(expansion.matchedNames()).containsExactlyInAnyOrderElementsOf(matched);
    assertThat(expansion.unmatchedNames()).containsExactlyInAnyOrderElementsOf(unmatched);
  }

  // --- errors ---

  @ParameterizedTest(name = "{0} fails: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\u0000',
      value = {
        "'open|unexpected end of statement while looking for matching single-quote",
        "\"open|unexpected end of statement while looking for matching double-quote",
        "\"open\\\"|unexpected end of statement while looking for matching double-quote",
        "${SET|syntax error: missing '}'",
        "${|syntax error: missing '}'",
        "${SET:-${OTHER:-x}|syntax error: missing '}'",
        "${SET/a|syntax error: missing '/' in ${}",
        "${SET//}|syntax error: missing '/' in ${}",
        "${SET/a/b|syntax error: missing '}'",
        "${}|syntax error: bad substitution",
        "${:-x}|syntax error: bad substitution",
        "${{SET}|syntax error: bad substitution",
        "${SET:=x}|unsupported modifier (:=) in substitution",
        "${SET=x}|unsupported modifier (=) in substitution",
        "${SET:1}|unsupported modifier (:1) in substitution",
        "${.}|unsupported modifier (.) in substitution",
        "${SET#\\x}|invalid pattern (\\x) in substitution: invalid escape '\\x'",
        "${SET//a\\b/c}|invalid pattern (a\\b) in substitution: invalid escape '\\b'",
        "${UNSET?}|UNSET: is not allowed to be unset",
        "${UNSET:?}|UNSET: is not allowed to be unset",
        "${EMPTY:?}|EMPTY: is not allowed to be empty",
        "${UNSET?give UNSET a value}|UNSET: give UNSET a value",
        "${EMPTY:?need $SET}|EMPTY: need value",
      })
  void processWord_badWord_failsWithBuildKitReason(String word, String reason) {
    assertThatThrownBy(() -> lexer.processWord(word, ENV))
        .isInstanceOfSatisfying(
            ExpansionException.class,
            failure -> {
              assertThat(failure.word()).isEqualTo(word);
              assertThat(failure.reason()).isEqualTo(reason);
            });
  }

  @Test
  void processWord_failure_messageNamesTheWordAndTheReason() {
    assertThatThrownBy(() -> lexer.processWord("/opt/${VERSION:?set --build-arg VERSION}", ENV))
        .isInstanceOf(ExpansionException.class)
        .hasMessage(
            "failed to process \"/opt/${VERSION:?set --build-arg VERSION}\":"
                + " VERSION: set --build-arg VERSION");
  }

  @Test
  void processWord_buildKitMandatoryVariables_failOnlyWhenUnsetOrEmptyAsAsked() throws Exception {
    String noEmpty = "${VAR:?message here$ARG}";
    String noUnset = "${VAR?message here$ARG}";
    Env set = Env.ofList(List.of("VAR=plain", "ARG=x"));
    Env empty = Env.ofList(List.of("VAR=", "ARG=x"));
    Env unset = Env.ofList(List.of("ARG=x"));

    assertThat(lexer.processWord(noEmpty, set)).isEqualTo("plain");
    assertThatThrownBy(() -> lexer.processWord(noEmpty, empty))
        .hasMessageContaining("message herex");
    assertThatThrownBy(() -> lexer.processWord(noEmpty, unset))
        .hasMessageContaining("message herex");
    assertThat(lexer.processWord(noUnset, set)).isEqualTo("plain");
    assertThat(lexer.processWord(noUnset, empty)).isEmpty();
    assertThatThrownBy(() -> lexer.processWord(noUnset, unset))
        .hasMessageContaining("message herex");
  }

  // --- environments ---

  @Test
  void envOfList_repeatedAndBareNames_lastWinsAndBareIsEmpty() {
    Env env = Env.ofList(List.of("A=1", "B", "A=2", "C=x=y"));

    assertThat(env.get("A")).isEqualTo("2");
    assertThat(env.get("B")).isEmpty();
    assertThat(env.get("C")).isEqualTo("x=y");
    assertThat(env.get("D")).isNull();
  }

  @Test
  void envOf_names_areCaseSensitive() throws Exception {
    Env env = Env.of(Map.of("PWD", "/home"));

    assertThat(lexer.processWord("$PWD|$pwd", env)).isEqualTo("/home|");
  }

  @Test
  void processWord_leadingByteOrderMark_isSkippedAsGoTextScannerDoes() throws Exception {
    assertThat(lexer.processWord("\uFEFF$SET", ENV)).isEqualTo("value");
    assertThat(lexer.processWord("a\uFEFF", ENV)).isEqualTo("a\uFEFF");
  }
}
