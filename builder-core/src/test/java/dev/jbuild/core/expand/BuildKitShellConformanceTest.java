package dev.jbuild.core.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of BuildKit's shell expansion tables ({@code buildkit-shell/envVarTest} and
 * {@code wordsTest}, read by its lex_test.go) must give BuildKit's answer. The row formats and
 * environments are those of lex_test.go: envVarTest rows are {@code PLATFORM|input|expected}
 * (A = all, U = Unix, W = Windows; fields trimmed; {@code error} = must fail) expanded against
 * {@code PWD=/home SHELL=bash KOREAN=한국어 NULL=}; wordsTest rows are
 * {@code input|word,word,...} (input trimmed, expected only left-trimmed) under the
 * {@code ENV name=value} lines above them.
 */
class BuildKitShellConformanceTest {
  private static final String TABLES = "buildkit-shell";
  private static final List<String> ENV_VAR_TEST_ENVIRONMENT =
      List.of("PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL=");

  private final ShellLexer lexer = new ShellLexer('\\');

  /**
   * One row of envVarTest, named by its line so a failure points at it. Without the corpus the
   * source gives one stand-in row (line 0) whose test then skips, visibly.
   */
  record EnvVarRow(int line, String platform, String input, String expected) {
    static final EnvVarRow CORPUS_ABSENT = new EnvVarRow(0, "", "", "");

    @Override
    public String toString() {
      return line == 0
          ? "envVarTest (corpus absent)"
          : "envVarTest:" + line + " " + platform + "|" + input + "|" + expected;
    }
  }

  /** One row of wordsTest with the environment its ENV lines built up (line 0: stand-in). */
  record WordsRow(int line, String input, List<String> expected, List<String> environment) {
    static final WordsRow CORPUS_ABSENT = new WordsRow(0, "", List.of(), List.of());

    @Override
    public String toString() {
      return line == 0
          ? "wordsTest (corpus absent)"
          : "wordsTest:" + line + " " + input + "|" + String.join(",", expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unixEnvVarRows")
  void processWord_envVarTestRow_givesBuildKitAnswer(EnvVarRow row) throws Exception {
    ConformanceCorpus.folder(TABLES);
    Env env = Env.ofList(ENV_VAR_TEST_ENVIRONMENT);
    if (row.expected().equals("error")) {
      assertThatThrownBy(() -> lexer.processWord(row.input(), env))
          .isInstanceOf(ExpansionException.class);
    } else {
      assertThat(lexer.processWord(row.input(), env)).isEqualTo(row.expected());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wordsRowsOrStandIn")
  void processWords_wordsTestRow_givesBuildKitWords(WordsRow row) throws Exception {
    ConformanceCorpus.folder(TABLES);
    Env env = Env.ofList(row.environment());
    if (row.expected().equals(List.of("error"))) {
      assertThatThrownBy(() -> lexer.processWords(row.input(), env))
          .isInstanceOf(ExpansionException.class);
    } else {
      assertThat(lexer.processWords(row.input(), env)).isEqualTo(row.expected());
    }
  }

  /**
   * BuildKit runs W rows only on Windows, where names are case-insensitive; on Linux each has a
   * U twin with the same input, which the parameterized test above runs. This checks that no W
   * row lacks one, so no Linux answer goes unchecked.
   */
  @Test
  void envVarTest_windowsOnlyRows_eachHaveAUnixTwin() throws IOException {
    List<EnvVarRow> rows = envVarRows();
    List<String> unixInputs =
        rows.stream().filter(row -> row.platform().equals("U")).map(EnvVarRow::input).toList();
    List<EnvVarRow> windowsRows =
        rows.stream().filter(row -> row.platform().equals("W")).toList();

    assertThat(windowsRows).allSatisfy(row -> assertThat(unixInputs).contains(row.input()));
  }

  static Stream<EnvVarRow> unixEnvVarRows() throws IOException {
    if (ConformanceCorpus.find(TABLES).isEmpty()) {
      return Stream.of(EnvVarRow.CORPUS_ABSENT);
    }
    return envVarRows().stream().filter(row -> !row.platform().equals("W"));
  }

  static Stream<WordsRow> wordsRowsOrStandIn() throws IOException {
    if (ConformanceCorpus.find(TABLES).isEmpty()) {
      return Stream.of(WordsRow.CORPUS_ABSENT);
    }
    return wordsRows().stream();
  }

  /** Parses envVarTest as lex_test.go does; a malformed line fails instead of being dropped. */
  static List<EnvVarRow> envVarRows() throws IOException {
    List<String> lines = readLines("envVarTest");
    List<EnvVarRow> rows = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      if (line.startsWith("#") || goTrimSpace(line).isEmpty()) {
        continue;
      }
      String[] fields = goTrimSpace(line).split("\\|", -1);
      if (fields.length != 3) {
        throw new IllegalStateException("envVarTest:" + (index + 1) + " needs 3 fields: " + line);
      }
      String platform = goTrimSpace(fields[0]);
      if (!List.of("A", "U", "W").contains(platform)) {
        throw new IllegalStateException("envVarTest:" + (index + 1) + " bad platform: " + line);
      }
      rows.add(new EnvVarRow(index + 1, platform, goTrimSpace(fields[1]), goTrimSpace(fields[2])));
    }
    return rows;
  }

  /** Parses wordsTest as lex_test.go does; a malformed line fails instead of being dropped. */
  static List<WordsRow> wordsRows() throws IOException {
    List<String> lines = readLines("wordsTest");
    List<String> environment = new ArrayList<>();
    List<WordsRow> rows = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      if (line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("ENV ")) {
        environment.add(trimLeadingSpaces(line.substring(3)));
        continue;
      }
      String[] fields = line.split("\\|", -1);
      if (fields.length != 2) {
        throw new IllegalStateException("wordsTest:" + (index + 1) + " needs one '|': " + line);
      }
      List<String> expected = Arrays.asList(trimLeadingSpaces(fields[1]).split(",", -1));
      rows.add(
          new WordsRow(index + 1, goTrimSpace(fields[0]), expected, List.copyOf(environment)));
    }
    return rows;
  }

  private static List<String> readLines(String table) throws IOException {
    Path file = ConformanceCorpus.folder(TABLES).resolve(table);
    // Go's bufio.Scanner splits at \n only and drops a \r before it; other spaces stay.
    String content = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // the final line end does not start another line
    }
    return lines.stream()
        .map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
        .toList();
  }

  /** Go's strings.TrimSpace: Unicode white space (Go's definition) on both ends. */
  private static String goTrimSpace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && ShellCharacters.isSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && ShellCharacters.isSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  /** Go's strings.TrimLeft(s, " "): ASCII spaces only. */
  private static String trimLeadingSpaces(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == ' ') {
      start++;
    }
    return text.substring(start);
  }
}
