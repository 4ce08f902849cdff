package dev.jbuild.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.grammar.ast.SourceRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BuildKit's own parser test corpus (moby/buildkit frontend/dockerfile/parser): every case's dump
 * equals its {@code result}, every negative case fails to parse, and the line test's positions
 * match.
 */
class BuildkitParserConformanceTest {
  /**
   * Corpus cases that BuildKit's parser accepts (and dumps) but its instruction checks refuse,
   * so the typed parser refuses them too; each with the reason.
   */
  private static final Map<String, String> REFUSED_BY_INSTRUCTION_CHECKS = Map.of(
      "health", "HEALTHCHECK requires at least one argument");

  static Stream<Arguments> parserCases() {
    return ConformanceCorpus.cases("buildkit-parser").stream()
        .map(folder -> Arguments.of(folder.getFileName().toString(), folder));
  }

  static Stream<Arguments> negativeCases() {
    return ConformanceCorpus.cases("buildkit-parser-negative").stream()
        .map(folder -> Arguments.of(folder.getFileName().toString(), folder));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parserCases")
  void dump_parserCase_equalsResult(String name, Path folder) throws Exception {
    ConformanceCorpus.assumePresent(folder);
    String dockerfile = ConformanceCorpus.read(folder.resolve("Dockerfile"));
    String result = ConformanceCorpus.read(folder.resolve("result"));

    assertThat(DockerfileDump.dump(dockerfile, "Dockerfile")).isEqualTo(result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parserCases")
  void parse_parserCase_dumpsAsResultOrIsRefusedForAListedReason(String name, Path folder) throws Exception {
    ConformanceCorpus.assumePresent(folder);
    String dockerfile = ConformanceCorpus.read(folder.resolve("Dockerfile"));
    String result = ConformanceCorpus.read(folder.resolve("result"));

    if (REFUSED_BY_INSTRUCTION_CHECKS.containsKey(name)) {
      assertThatThrownBy(() -> DockerfileParser.parse(dockerfile, "Dockerfile"))
          .isInstanceOf(DockerfileParseException.class)
          .hasMessageContaining(REFUSED_BY_INSTRUCTION_CHECKS.get(name));
    } else {
      assertThat(DockerfileDump.dump(DockerfileParser.parse(dockerfile, "Dockerfile"))).isEqualTo(result);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("negativeCases")
  void parse_negativeCase_fails(String name, Path folder) {
    ConformanceCorpus.assumePresent(folder);
    String dockerfile = ConformanceCorpus.read(folder.resolve("Dockerfile"));

    assertThatThrownBy(() -> DockerfileDump.dump(dockerfile, "Dockerfile"))
        .isInstanceOf(DockerfileParseException.class);
    assertThatThrownBy(() -> DockerfileParser.parse(dockerfile, "Dockerfile"))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageStartingWith("Dockerfile:");
  }

  @Test
  void parse_lineCase_givesBuildkitLineRanges() throws Exception {
    Path folder = ConformanceCorpus.folder("buildkit-parser-line");
    String dockerfile = ConformanceCorpus.read(folder.resolve("Dockerfile"));

    List<Instruction> instructions = DockerfileParser.parse(dockerfile, "Dockerfile").instructions();

    assertThat(instructions).extracting(Instruction::range).containsExactly(
        new SourceRange(5, 5), new SourceRange(11, 12), new SourceRange(17, 31));
  }
}
