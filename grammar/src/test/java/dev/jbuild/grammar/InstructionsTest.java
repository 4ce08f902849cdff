package dev.jbuild.grammar;

import static dev.jbuild.grammar.Dockerfiles.instructions;
import static dev.jbuild.grammar.Dockerfiles.last;
import static dev.jbuild.grammar.Dockerfiles.lines;
import static dev.jbuild.grammar.Dockerfiles.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.grammar.ast.AddInstruction;
import dev.jbuild.grammar.ast.ArgDeclaration;
import dev.jbuild.grammar.ast.ArgInstruction;
import dev.jbuild.grammar.ast.CmdInstruction;
import dev.jbuild.grammar.ast.Command;
import dev.jbuild.grammar.ast.CopyInstruction;
import dev.jbuild.grammar.ast.EntrypointInstruction;
import dev.jbuild.grammar.ast.EnvInstruction;
import dev.jbuild.grammar.ast.ExposeInstruction;
import dev.jbuild.grammar.ast.Flag;
import dev.jbuild.grammar.ast.FromInstruction;
import dev.jbuild.grammar.ast.HealthcheckInstruction;
import dev.jbuild.grammar.ast.KeyValue;
import dev.jbuild.grammar.ast.LabelInstruction;
import dev.jbuild.grammar.ast.MaintainerInstruction;
import dev.jbuild.grammar.ast.OnbuildInstruction;
import dev.jbuild.grammar.ast.RunInstruction;
import dev.jbuild.grammar.ast.ShellInstruction;
import dev.jbuild.grammar.ast.SourceRange;
import dev.jbuild.grammar.ast.StopsignalInstruction;
import dev.jbuild.grammar.ast.UserInstruction;
import dev.jbuild.grammar.ast.VolumeInstruction;
import dev.jbuild.grammar.ast.WorkdirInstruction;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every instruction's forms, and what BuildKit's instruction checks refuse. */
class InstructionsTest {
  private static void assertRefused(String instruction, String message) {
    assertThatThrownBy(() -> parse(lines("FROM a", instruction)))
        .isInstanceOf(DockerfileParseException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_keywordsInAnyCase_areRecognised() throws Exception {
    assertThat(instructions("from a", "rUn b", "Cmd c")).extracting(i -> i.keyword())
        .containsExactly("FROM", "RUN", "CMD");
  }

  @Test
  void parse_text_keepsTheKeywordAsWritten() throws Exception {
    assertThat(instructions("from a").get(0).text()).isEqualTo("from a");
  }

  @Nested
  class From {
    @Test
    void parse_imageOnly_hasNoStageName() throws Exception {
      FromInstruction from = last("FROM debian:bookworm-slim");

      assertThat(from.image()).isEqualTo("debian:bookworm-slim");
      assertThat(from.stageName()).isNull();
      assertThat(from.flags()).isEmpty();
    }

    @Test
    void parse_platformAndStageName_areRead() throws Exception {
      FromInstruction from = last("FROM --platform=$BUILDPLATFORM golang:1.22 as Builder");

      assertThat(from.flags()).containsExactly(new Flag("platform", "$BUILDPLATFORM"));
      assertThat(from.image()).isEqualTo("golang:1.22");
      assertThat(from.stageName()).isEqualTo("Builder");
    }

    @Test
    void parse_twoArguments_fails() {
      assertRefused("FROM a b", "FROM requires either one or three arguments");
    }

    @Test
    void parse_noArgument_fails() {
      assertRefused("FROM", "FROM requires either one or three arguments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1st", "a$b", "$NAME", "-x"})
    void parse_invalidStageName_fails(String name) {
      assertRefused("FROM a AS " + name, "invalid name for build stage: \"" + name + "\"");
    }

    @Test
    void parse_unknownFlag_fails() {
      assertRefused("FROM --platfrom=linux/amd64 a", "unknown flag: platfrom (did you mean platform?)");
    }
  }

  @Nested
  class Run {
    @Test
    void parse_shellForm_isOneString() throws Exception {
      RunInstruction run = last("FROM a", "RUN  apt-get update && apt-get install -y x ");

      assertThat(run.command()).isEqualTo(Command.shell("apt-get update && apt-get install -y x"));
      assertThat(run.heredocs()).isEmpty();
    }

    @Test
    void parse_execForm_isTheArray() throws Exception {
      RunInstruction run = last("FROM a", "RUN [\"/bin/sh\", \"-c\", \"echo hi\"]");

      assertThat(run.command()).isEqualTo(Command.exec(List.of("/bin/sh", "-c", "echo hi")));
    }

    @Test
    void parse_flags_areKeptInOrder() throws Exception {
      RunInstruction run = last("FROM a",
          "RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=x --network=none --security=insecure make");

      assertThat(run.flags()).containsExactly(new Flag("mount", "type=cache,target=/root/.cache"),
          new Flag("mount", "type=secret,id=x"), new Flag("network", "none"), new Flag("security", "insecure"));
      assertThat(run.command()).isEqualTo(Command.shell("make"));
    }

    @Test
    void parse_quotedFlagValue_losesItsQuotes() throws Exception {
      RunInstruction run = last("FROM a", "RUN --mount=\"type=bind,source=a b\" ls");

      assertThat(run.flags()).containsExactly(new Flag("mount", "type=bind,source=a b"));
    }

    @Test
    void parse_doubleDash_endsTheFlags() throws Exception {
      RunInstruction run = last("FROM a", "RUN --network=host -- --not-a-flag");

      assertThat(run.flags()).containsExactly(new Flag("network", "host"));
      assertThat(run.command()).isEqualTo(Command.shell("--not-a-flag"));
    }

    @Test
    void parse_repeatedSingleValueFlag_fails() {
      assertRefused("RUN --network=none --network=host x", "duplicate flag specified: network");
    }

    @Test
    void parse_flagOfAnotherInstruction_fails() {
      assertRefused("RUN --from=a x", "unknown flag: from");
    }

    @Test
    void parse_noCommand_isAnEmptyShellCommand() throws Exception {
      RunInstruction run = last("FROM a", "RUN");

      assertThat(run.command()).isEqualTo(Command.shell(""));
    }
  }

  @Nested
  class CmdAndEntrypoint {
    @Test
    void parse_cmdForms_areRead() throws Exception {
      List<?> instructions = instructions("FROM a", "CMD [\"a\"]", "CMD a b", "CMD []");

      assertThat(instructions.subList(1, 4)).extracting(i -> ((CmdInstruction) i).command()).containsExactly(
          Command.exec(List.of("a")), Command.shell("a b"), Command.exec(List.of()));
    }

    @Test
    void parse_entrypointForms_areRead() throws Exception {
      EntrypointInstruction exec = last("FROM a", "ENTRYPOINT [\"/bin/tini\", \"--\"]");
      EntrypointInstruction shell = last("FROM a", "ENTRYPOINT exec nginx -g 'daemon off;'");

      assertThat(exec.command()).isEqualTo(Command.exec(List.of("/bin/tini", "--")));
      assertThat(shell.command()).isEqualTo(Command.shell("exec nginx -g 'daemon off;'"));
    }

    @Test
    void parse_cmdWithFlag_fails() {
      assertRefused("CMD --doit [\"a\"]", "unknown flag: doit");
    }
  }

  @Nested
  class EnvAndLabel {
    @Test
    void parse_equalsForm_readsEveryPairAsWritten() throws Exception {
      EnvInstruction env = last("FROM a", "ENV A=1 B=\"two words\" C=three\\ words D='x\"y' E=");

      assertThat(env.variables()).containsExactly(new KeyValue("A", "1"), new KeyValue("B", "\"two words\""),
          new KeyValue("C", "three\\ words"), new KeyValue("D", "'x\"y'"), new KeyValue("E", ""));
    }

    @Test
    void parse_legacyForm_takesTheRestOfTheLine() throws Exception {
      EnvInstruction env = last("FROM a", "ENV PATH /usr/local/bin:$PATH  with spaces");

      assertThat(env.variables()).containsExactly(new KeyValue("PATH", "/usr/local/bin:$PATH  with spaces"));
    }

    @Test
    void parse_label_readsPairs() throws Exception {
      LabelInstruction label = last("FROM a", "LABEL org.opencontainers.image.title=\"jbuild\" version=1");

      assertThat(label.labels()).containsExactly(new KeyValue("org.opencontainers.image.title", "\"jbuild\""),
          new KeyValue("version", "1"));
    }

    @Test
    void parse_envWithoutValue_fails() {
      assertRefused("ENV PATH", "ENV must have two arguments");
    }

    @Test
    void parse_pairWithoutEquals_fails() {
      assertRefused("ENV A=1 B", "Syntax error - can't find = in \"B\". Must be of the form: name=value");
    }

    @Test
    void parse_blankName_fails() {
      assertRefused("LABEL =x", "LABEL names can not be blank");
    }

    @Test
    void parse_noArguments_fails() {
      assertRefused("LABEL", "LABEL requires at least one argument");
    }
  }

  @Nested
  class CopyAndAdd {
    @Test
    void parse_copy_readsSourcesDestinationAndFlags() throws Exception {
      CopyInstruction copy = last("FROM a", "COPY --from=build --chown=1:1 --chmod=755 --link --parents --exclude=*.md --exclude=*.txt a b /dst/");

      assertThat(copy.flags()).containsExactly(new Flag("from", "build"), new Flag("chown", "1:1"),
          new Flag("chmod", "755"), new Flag("link", null), new Flag("parents", null),
          new Flag("exclude", "*.md"), new Flag("exclude", "*.txt"));
      assertThat(copy.sources()).containsExactly("a", "b");
      assertThat(copy.destination()).isEqualTo("/dst/");
    }

    @Test
    void parse_jsonForm_allowsSpacesInNames() throws Exception {
      CopyInstruction copy = last("FROM a", "COPY [\"test file\", \"/tmp/test file\"]");

      assertThat(copy.sources()).containsExactly("test file");
      assertThat(copy.destination()).isEqualTo("/tmp/test file");
    }

    @Test
    void parse_add_readsItsFlags() throws Exception {
      AddInstruction add = last("FROM a",
          "ADD --checksum=sha256:abc --keep-git-dir=true --chmod=644 https://example.com/x.tar.gz /x/");

      assertThat(add.flags()).containsExactly(new Flag("checksum", "sha256:abc"), new Flag("keep-git-dir", "true"),
          new Flag("chmod", "644"));
      assertThat(add.sources()).containsExactly("https://example.com/x.tar.gz");
    }

    @Test
    void parse_oneArgument_fails() {
      assertRefused("COPY a", "COPY requires at least two arguments, but only one was provided");
    }

    @Test
    void parse_badBooleanFlag_fails() {
      assertRefused("COPY --link=maybe a b", "expecting boolean value for flag link, not: maybe");
    }

    @Test
    void parse_emptyBooleanFlag_fails() {
      assertRefused("COPY --link= a b", "missing a value on flag: link");
    }

    @Test
    void parse_stringFlagWithoutValue_fails() {
      assertRefused("COPY --chown a b", "missing a value on flag: chown");
    }

    @Test
    void parse_copyOnlyFlagOnAdd_fails() {
      assertRefused("ADD --from=x a b", "unknown flag: from");
    }

    @Test
    void parse_heredocAsDestination_fails() {
      assertThatThrownBy(() -> parse(lines("FROM a", "COPY a <<EOF", "x", "EOF"))).hasMessageContaining("COPY cannot accept a heredoc as a destination");
    }
  }

  @Nested
  class OtherInstructions {
    @Test
    void parse_maintainer_isTheRest() throws Exception {
      MaintainerInstruction maintainer = last("FROM a", "MAINTAINER Jane Doe <jane@example.com>");

      assertThat(maintainer.name()).isEqualTo("Jane Doe <jane@example.com>");
    }

    @Test
    void parse_expose_readsWords() throws Exception {
      ExposeInstruction expose = last("FROM a", "EXPOSE 80 443/tcp   8000-8010/udp");

      assertThat(expose.ports()).containsExactly("80", "443/tcp", "8000-8010/udp");
    }

    @Test
    void parse_volume_readsWordsOrJson() throws Exception {
      VolumeInstruction words = last("FROM a", "VOLUME /a /b");
      VolumeInstruction json = last("FROM a", "VOLUME [\"/c d\", \" /e \"]");

      assertThat(words.paths()).containsExactly("/a", "/b");
      assertThat(json.paths()).containsExactly("/c d", "/e");
    }

    @Test
    void parse_volumeEmptyString_fails() {
      assertRefused("VOLUME [\"/a\", \"  \"]", "VOLUME specified can not be an empty string");
    }

    @Test
    void parse_userAndWorkdir_areTheRest() throws Exception {
      UserInstruction user = last("FROM a", "USER app:app");
      WorkdirInstruction workdir = last("FROM a", "WORKDIR /srv/my app");

      assertThat(user.user()).isEqualTo("app:app");
      assertThat(workdir.path()).isEqualTo("/srv/my app");
    }

    @Test
    void parse_userWithoutArgument_fails() {
      assertRefused("USER", "USER requires exactly one argument");
    }

    @Test
    void parse_arg_readsNamesAndRawDefaults() throws Exception {
      ArgInstruction arg = last("ARG foo bar=baz abc=\"123 456\" empty=");

      assertThat(arg.declarations()).containsExactly(new ArgDeclaration("foo", null),
          new ArgDeclaration("bar", "baz"), new ArgDeclaration("abc", "\"123 456\""), new ArgDeclaration("empty", ""));
    }

    @Test
    void parse_argBlankName_fails() {
      assertRefused("ARG =x", "ARG names can not be blank");
    }

    @Test
    void parse_stopsignal_ignoresFlagsAsBuildkitDoes() throws Exception {
      StopsignalInstruction stopsignal = last("FROM a", "STOPSIGNAL --whatever SIGKILL");

      assertThat(stopsignal.signal()).isEqualTo("SIGKILL");
    }

    @Test
    void parse_shell_requiresJson() throws Exception {
      ShellInstruction shell = last("FROM a", "SHELL [\"powershell\", \"-command\"]");

      assertThat(shell.shell()).containsExactly("powershell", "-command");
      assertRefused("SHELL /bin/bash -c", "SHELL requires the arguments to be in JSON form");
      assertRefused("SHELL []", "SHELL requires at least one argument");
    }
  }

  @Nested
  class Onbuild {
    @Test
    void parse_trigger_isATypedInstructionWithItsOwnText() throws Exception {
      OnbuildInstruction onbuild = last("FROM a", "ONBUILD  RUN [\"echo\", \"test\"]");

      assertThat(onbuild.trigger()).isInstanceOf(RunInstruction.class);
      assertThat(onbuild.trigger().text()).isEqualTo("RUN [\"echo\", \"test\"]");
      assertThat(((RunInstruction) onbuild.trigger()).command()).isEqualTo(Command.exec(List.of("echo", "test")));
      assertThat(onbuild.trigger().range()).isEqualTo(SourceRange.line(2));
    }

    @Test
    void parse_copyTrigger_keepsItsFlags() throws Exception {
      OnbuildInstruction onbuild = last("FROM a", "onbuild copy --chown=1 . /app");

      assertThat(((CopyInstruction) onbuild.trigger()).flags()).containsExactly(new Flag("chown", "1"));
    }

    @Test
    void parse_forbiddenTriggers_fail() {
      assertRefused("ONBUILD ONBUILD RUN x", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      assertRefused("ONBUILD FROM x", "FROM isn't allowed as an ONBUILD trigger");
      assertRefused("ONBUILD maintainer x", "MAINTAINER isn't allowed as an ONBUILD trigger");
      assertRefused("ONBUILD", "ONBUILD requires at least one argument");
    }

    @Test
    void parse_invalidTrigger_fails() {
      assertRefused("ONBUILD COPPY a b", "unknown instruction: COPPY (did you mean COPY?)");
    }
  }

  @Nested
  class Healthcheck {
    @Test
    void parse_none_hasNoCommand() throws Exception {
      HealthcheckInstruction healthcheck = last("FROM a", "HEALTHCHECK none");

      assertThat(healthcheck.command()).isNull();
    }

    @Test
    void parse_cmd_readsFlagsAndCommand() throws Exception {
      HealthcheckInstruction shell = last("FROM a",
          "HEALTHCHECK --interval=5s --timeout=3s --start-period=1m30s --start-interval=0s --retries=3 CMD curl -f http://localhost/ || exit 1");
      HealthcheckInstruction exec = last("FROM a", "HEALTHCHECK cmd [\"/check\"]");

      assertThat(shell.flags()).extracting(Flag::name)
          .containsExactly("interval", "timeout", "start-period", "start-interval", "retries");
      assertThat(shell.command()).isEqualTo(Command.shell("curl -f http://localhost/ || exit 1"));
      assertThat(exec.command()).isEqualTo(Command.exec(List.of("/check")));
    }

    @Test
    void parse_unknownType_fails() {
      assertRefused("HEALTHCHECK CONNECT TCP 7000", "Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)");
    }

    @Test
    void parse_noneWithArguments_fails() {
      assertRefused("HEALTHCHECK NONE x", "HEALTHCHECK NONE takes no arguments");
    }

    @Test
    void parse_cmdWithoutCommand_fails() {
      assertRefused("HEALTHCHECK CMD", "Missing command after HEALTHCHECK CMD");
    }

    @Test
    void parse_badIntervals_fail() {
      assertRefused("HEALTHCHECK --interval=5 CMD x", "time: missing unit in duration \"5\"");
      assertRefused("HEALTHCHECK --timeout=10x CMD x", "time: unknown unit \"x\" in duration \"10x\"");
      assertRefused("HEALTHCHECK --start-period=999us CMD x", "Interval \"start-period\" cannot be less than 1ms");
      assertRefused("HEALTHCHECK --retries=-1 CMD x", "--retries cannot be negative (-1)");
      assertRefused("HEALTHCHECK --retries=three CMD x", "strconv.ParseInt: parsing \"three\": invalid syntax");
      assertRefused("HEALTHCHECK --retrys=3 CMD x", "unknown flag: retrys (did you mean retries?)");
    }
  }

  @Nested
  class UnknownInstructions {
    @Test
    void parse_misspeltInstruction_failsWithSuggestion() {
      assertThatThrownBy(() -> parse(lines("FROM a", "  COPPY a b")))
          .isInstanceOf(DockerfileParseException.class)
          .hasMessage("Dockerfile:2:3: unknown instruction: COPPY (did you mean COPY?)");
    }

    @Test
    void parse_unrelatedWord_failsWithoutSuggestion() {
      assertThatThrownBy(() -> parse(lines("FROM a", "PRINT x")))
          .isInstanceOf(DockerfileParseException.class)
          .hasMessage("Dockerfile:2:1: unknown instruction: PRINT");
    }
  }
}
