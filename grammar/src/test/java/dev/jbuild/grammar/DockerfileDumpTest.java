package dev.jbuild.grammar;

import static dev.jbuild.grammar.Dockerfiles.lines;
import static dev.jbuild.grammar.Dockerfiles.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerfileDumpTest {
  @Test
  void dump_parsedDockerfile_printsOneLinePerInstruction() throws Exception {
    Dockerfile dockerfile = parse(lines(
        "FROM --platform=linux/amd64 base AS Build",
        "COPY --from=a x /y",
        "ONBUILD RUN [\"echo\", \"test\"]",
        "ENV name=value legacy=\"q\"",
        "ENV name value",
        "HEALTHCHECK --retries=3 cmd [\"x\"]",
        "ARG a=\"1 2\" b"));

    assertThat(DockerfileDump.dump(dockerfile)).isEqualTo(lines(
        "(from [\"--platform=linux/amd64\"] \"base\" \"AS\" \"Build\")",
        "(copy [\"--from=a\"] \"x\" \"/y\")",
        "(onbuild (run \"echo\" \"test\"))",
        "(env \"name\" \"value\" \"=\" \"legacy\" \"\\\"q\\\"\" \"=\")",
        "(env \"name\" \"value\" \"\")",
        "(healthcheck [\"--retries=3\"] \"cmd\" \"x\")",
        "(arg \"a=\\\"1 2\\\"\" \"b\")"));
  }

  @Test
  void dump_text_keepsUnknownFlagsAndInstructionsAsBuildkitsParserDoes() throws Exception {
    String text = lines("FROM scratch", "COPY foo /tmp/", "COPY --user=me foo /tmp/", "COPY --doit=true foo /tmp/",
        "COPY --user=me --doit=true foo /tmp/", "COPY --doit=true -- foo /tmp/", "COPY -- foo /tmp/",
        "CMD --doit [ \"a\", \"b\" ]", "CMD --doit=true -- [ \"a\", \"b\" ]", "CMD --doit -- [ ]", "FOO --x bar");

    assertThat(DockerfileDump.dump(text, "Dockerfile")).isEqualTo(lines(
        "(from \"scratch\")",
        "(copy \"foo\" \"/tmp/\")",
        "(copy [\"--user=me\"] \"foo\" \"/tmp/\")",
        "(copy [\"--doit=true\"] \"foo\" \"/tmp/\")",
        "(copy [\"--user=me\" \"--doit=true\"] \"foo\" \"/tmp/\")",
        "(copy [\"--doit=true\"] \"foo\" \"/tmp/\")",
        "(copy \"foo\" \"/tmp/\")",
        "(cmd [\"--doit\"] \"a\" \"b\")",
        "(cmd [\"--doit=true\"] \"a\" \"b\")",
        "(cmd [\"--doit\"])",
        "(foo [\"--x\"])"));
  }

  @Test
  void dump_nonPrintableCharacters_areGoQuoted() throws Exception {
    String text = "FROM a\nCMD [\"tab\\t nul\\u0000 nbsp\\u00a0 bell\\u0007 del\\u007f \u2603 \uD83D\uDE00 zwsp\\u200b\"]\n";

    assertThat(DockerfileDump.dump(text, "Dockerfile")).isEqualTo(
        "(from \"a\")\n(cmd \"tab\\t nul\\x00 nbsp\\u00a0 bell\\a del\\x7f \u2603 \uD83D\uDE00 zwsp\\u200b\")\n");
  }

  @Test
  void dump_deepOnbuildChain_isPrintedWithoutRecursion() throws Exception {
    String text = "ONBUILD ".repeat(8_000) + "RUN x\n";

    String dump = DockerfileDump.dump(text, "Dockerfile");

    // the line's own parenthesis, then one per ONBUILD level (the outermost is the line's)
    assertThat(dump).startsWith("(onbuild (onbuild (").endsWith(" (run \"x\")" + ")".repeat(7_999) + ")\n");
    assertThat(dump.length()).isEqualTo("(onbuild ".length() * 8_000 + "(run \"x\")".length() + 7_999 + 2);
  }

  @Test
  void dump_backtickEscapeDirective_isHonoured() throws Exception {
    Dockerfile dockerfile = parse(lines("# escape=`", "FROM a", "ENV X=a` b Y=c\\d"));

    assertThat(DockerfileDump.dump(dockerfile)).isEqualTo(lines(
        "(from \"a\")", "(env \"X\" \"a` b\" \"=\" \"Y\" \"c\\\\d\" \"=\")"));
  }
}
