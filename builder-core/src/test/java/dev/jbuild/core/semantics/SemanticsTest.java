package dev.jbuild.core.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.core.image.Platform;
import dev.jbuild.grammar.DockerfileParser;
import dev.jbuild.grammar.ast.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemanticsTest {
  /** Applies the instructions after the FROM line of {@code dockerfile}, collecting effects. */
  private record Applied(StageState state, List<Optional<Effect>> effects, List<String> history) {}

  private static Applied apply(String dockerfile, BuildArguments arguments) throws Exception {
    List<Instruction> instructions = DockerfileParser.parse(dockerfile, "Dockerfile").instructions();
    StageState state = StageState.start(Semantics.scratchConfig(Platform.LINUX_AMD64), '\\');
    List<Optional<Effect>> effects = new ArrayList<>();
    List<String> history = new ArrayList<>();
    for (Instruction instruction : instructions.subList(1, instructions.size())) {
      StepOutcome outcome = Semantics.apply(state, instruction, arguments);
      state = outcome.state();
      effects.add(outcome.effect());
      history.add(outcome.createdBy());
    }
    return new Applied(state, effects, history);
  }

  private static Applied apply(String dockerfile) throws Exception {
    return apply(dockerfile, BuildArguments.none());
  }

  private static ImageConfig image(String dockerfile) throws Exception {
    return apply(dockerfile).state().image();
  }

  @Test
  void scratch_startsWithBuildKitsDefaults() {
    ImageConfig scratch = Semantics.scratchConfig(Platform.LINUX_AMD64);

    assertThat(scratch.config().env()).containsExactly("PATH=" + Environment.DEFAULT_PATH);
    assertThat(scratch.config().workingDir()).isEqualTo("/");
  }

  @Test
  void env_bothFormsAndReferences_expandAndReplaceInPlace() throws Exception {
    ImageConfig image = image("""
        FROM scratch
        ENV A=1 B="two words"
        ENV C $A-${B}
        ENV A=3 D=$A
        """);

    assertThat(image.config().env()).containsExactly(
        "PATH=" + Environment.DEFAULT_PATH, "A=3", "B=two words", "C=1-two words", "D=3");
  }

  @Test
  void arg_buildArgOverridesDefault_usedInRunButNeverPersisted() throws Exception {
    Applied applied = apply("""
        FROM scratch
        ARG VERSION=1
        ARG UNSET
        RUN echo $VERSION
        """, new BuildArguments(Map.of("VERSION", "2"), Map.of()));

    RunEffect run = (RunEffect) applied.effects().get(2).orElseThrow();
    assertThat(run.env()).contains("VERSION=2").noneMatch(entry -> entry.startsWith("UNSET="));
    assertThat(run.argv()).containsExactly("/bin/sh", "-c", "echo $VERSION");
    assertThat(applied.state().image().config().env()).noneMatch(entry -> entry.startsWith("VERSION"));
    assertThat(applied.history().get(2)).isEqualTo("RUN |1 VERSION=2 /bin/sh -c echo $VERSION # buildkit");
  }

  @Test
  void arg_redeclaredGlobal_takesTheGlobalValue() throws Exception {
    Applied applied = apply("""
        FROM scratch
        ARG GLOBAL
        ENV COPY_OF=$GLOBAL
        """, new BuildArguments(Map.of(), Map.of("GLOBAL", "from-before-from")));

    assertThat(applied.state().image().config().env()).contains("COPY_OF=from-before-from");
  }

  @Test
  void env_shadowsArgOfTheSameName() throws Exception {
    Applied applied = apply("""
        FROM scratch
        ARG NAME=arg
        ENV NAME=env
        LABEL which=$NAME
        """);

    assertThat(applied.state().image().config().labels()).containsEntry("which", "env");
  }

  @Test
  void entrypoint_resetsInheritedCmdButNotOneSetInTheStage() throws Exception {
    StageState inherited = StageState.start(Semantics.scratchConfig(Platform.LINUX_AMD64), '\\')
        .withImage(Semantics.scratchConfig(Platform.LINUX_AMD64).withConfig(
            Semantics.scratchConfig(Platform.LINUX_AMD64).config().withCmd(List.of("sh"))));
    Instruction entrypoint = DockerfileParser.parse("ENTRYPOINT [\"top\"]", "Dockerfile").instructions().get(0);

    assertThat(Semantics.apply(inherited, entrypoint, BuildArguments.none()).state().image().config().cmd()).isNull();
    assertThat(image("""
        FROM scratch
        CMD ["-b"]
        ENTRYPOINT ["top"]
        """).config().cmd()).containsExactly("-b");
  }

  @Test
  void shell_changesHowShellFormIsWrapped() throws Exception {
    Applied applied = apply("""
        FROM scratch
        SHELL ["/bin/bash", "-eu", "-c"]
        RUN echo hi
        CMD echo there
        ENTRYPOINT ["exec", "form"]
        """);

    assertThat(((RunEffect) applied.effects().get(1).orElseThrow()).argv()).containsExactly("/bin/bash", "-eu", "-c", "echo hi");
    assertThat(applied.state().image().config().cmd()).containsExactly("/bin/bash", "-eu", "-c", "echo there");
    assertThat(applied.state().image().config().entrypoint()).containsExactly("exec", "form");
  }

  @Test
  void cmd_emptyExecForm_isEmptyNotAbsent() throws Exception {
    assertThat(image("FROM scratch\nCMD []\n").config().cmd()).isEmpty();
  }

  @Test
  void workdir_relativeJoinsAndExpands_andAsksForTheDirectory() throws Exception {
    Applied applied = apply("""
        FROM scratch
        ENV BASE=/srv
        WORKDIR $BASE
        WORKDIR app/../api
        USER nobody
        WORKDIR /
        """);

    assertThat(applied.effects().get(1)).contains(new MkdirEffect("/srv", ""));
    assertThat(applied.effects().get(2)).contains(new MkdirEffect("/srv/api", ""));
    assertThat(applied.effects().get(4)).isEmpty();
    assertThat(applied.history().get(2)).isEqualTo("WORKDIR /srv/api");
    assertThat(applied.state().image().config().workingDir()).isEqualTo("/");
  }

  @Test
  void expose_rangesAndProtocols_expandToPorts() throws Exception {
    assertThat(image("FROM scratch\nEXPOSE 80 53/UDP 8000-8002\n").config().exposedPorts())
        .containsExactly("53/udp", "80/tcp", "8000/tcp", "8001/tcp", "8002/tcp");
  }

  @Test
  void expose_invalidPort_failsNamingTheLine() {
    assertThatThrownBy(() -> apply("FROM scratch\nEXPOSE 99999\n"))
        .isInstanceOf(InstructionException.class).hasMessage("line 2: invalid containerPort: 99999");
  }

  @Test
  void labelVolumeUserStopsignalMaintainer_setTheConfig() throws Exception {
    ImageConfig image = image("""
        FROM scratch
        ENV WHO=app
        LABEL "com.example.a"="x y" b=$WHO
        VOLUME ["/data", "/logs"]
        VOLUME /cache
        USER $WHO:staff
        STOPSIGNAL SIGQUIT
        MAINTAINER someone@example.com
        """);

    assertThat(image.config().labels()).containsEntry("com.example.a", "x y").containsEntry("b", "app");
    assertThat(image.config().volumes()).containsExactly("/cache", "/data", "/logs");
    assertThat(image.config().user()).isEqualTo("app:staff");
    assertThat(image.config().stopSignal()).isEqualTo("SIGQUIT");
    assertThat(image.author()).isEqualTo("someone@example.com");
  }

  @Test
  void healthcheck_flagsAndForms_setDockerHealthConfig() throws Exception {
    ImageConfig image = image("FROM scratch\nHEALTHCHECK --interval=5s --retries=3 CMD curl -f http://localhost/\n");

    assertThat(image.config().healthcheck().test()).containsExactly("CMD-SHELL", "curl -f http://localhost/");
    assertThat(image.config().healthcheck().intervalNanos()).isEqualTo(5_000_000_000L);
    assertThat(image.config().healthcheck().retries()).isEqualTo(3);
    assertThat(image("FROM scratch\nHEALTHCHECK NONE\n").config().healthcheck().test()).containsExactly("NONE");
  }

  @Test
  void onbuild_recordsTheTriggerText() throws Exception {
    assertThat(image("FROM scratch\nONBUILD RUN echo child\n").config().onBuild()).containsExactly("RUN echo child");
  }

  @Test
  void copy_destinationRelativeToWorkdir_andFlagsExpanded() throws Exception {
    Applied applied = apply("""
        FROM scratch
        ARG OWNER=1000
        WORKDIR /app
        COPY --chown=$OWNER:50 --chmod=640 a.txt b.txt ./conf/
        COPY --from=builder /out/bin single
        ADD https://example.com/f.tgz /downloads/
        """);

    CopyEffect copy = (CopyEffect) applied.effects().get(2).orElseThrow();
    assertThat(copy.sources()).containsExactly("a.txt", "b.txt");
    assertThat(copy.destination()).isEqualTo("/app/conf/");
    assertThat(copy.chown()).isEqualTo("1000:50");
    assertThat(copy.chmod()).isEqualTo("640");
    assertThat(copy.destinationIsDirectory()).isTrue();
    CopyEffect fromStage = (CopyEffect) applied.effects().get(3).orElseThrow();
    assertThat(fromStage.from()).isEqualTo("builder");
    assertThat(fromStage.destination()).isEqualTo("/app/single");
    assertThat(fromStage.destinationIsDirectory()).isFalse();
    assertThat(((CopyEffect) applied.effects().get(4).orElseThrow()).add()).isTrue();
  }

  @Test
  void copy_severalSourcesWithoutTrailingSlash_refusedAsDockerDoes() {
    assertThatThrownBy(() -> apply("FROM scratch\nCOPY a b /dest\n"))
        .isInstanceOf(InstructionException.class)
        .hasMessageContaining("the destination must be a directory and end with a /");
  }

  @Test
  void run_networkFlag_choosesTheNetwork() throws Exception {
    Applied applied = apply("FROM scratch\nRUN --network=none true\nRUN true\n");

    assertThat(((RunEffect) applied.effects().get(0).orElseThrow()).network()).isEqualTo(RunEffect.Network.NONE);
    assertThat(((RunEffect) applied.effects().get(1).orElseThrow()).network()).isEqualTo(RunEffect.Network.DEFAULT);
  }

  @Test
  void run_mounts_areExpandedAndRelativeTargetsFollowWorkdir() throws Exception {
    Applied applied = apply("""
        FROM scratch
        ARG CACHE=/root/.m2
        WORKDIR /src
        RUN --mount=type=cache,target=$CACHE,sharing=locked --mount=type=tmpfs,target=build,size=64m mvn package
        """);

    RunEffect run = (RunEffect) applied.effects().get(2).orElseThrow();
    assertThat(run.mounts()).containsExactly(
        new RunMount(RunMount.Type.CACHE, "/root/.m2", "", null, "/root/.m2", RunMount.Sharing.LOCKED, false, 0, 0, 0755, 0, false),
        new RunMount(RunMount.Type.TMPFS, "/src/build", "", null, "/src/build", RunMount.Sharing.SHARED, false, 0, 0, 0755, 64L << 20, false));
  }

  @Test
  void run_sshMounts_areNumberedAsInBuildKit() throws Exception {
    Applied applied = apply("FROM scratch\nRUN --mount=type=ssh --mount=type=ssh,id=work true\n");

    assertThat(((RunEffect) applied.effects().get(0).orElseThrow()).mounts()).extracting(RunMount::target, RunMount::id)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/run/buildkit/ssh_agent.0", "default"),
            org.assertj.core.groups.Tuple.tuple("/run/buildkit/ssh_agent.1", "work"));
  }

  @Test
  void run_mountsNotRunByJbuild_areRefusedNamingTheType() {
    assertThatThrownBy(() -> apply("FROM scratch\nRUN --mount=type=volume,target=/v true\n"))
        .isInstanceOf(InstructionException.class)
        .hasMessageContaining("unsupported mount type volume");
    assertThatThrownBy(() -> apply("FROM scratch\nRUN --mount=type=cache,from=build,target=/src make\n"))
        .hasMessageContaining("--mount from= is for bind mounts in jbuild");
    assertThatThrownBy(() -> apply("FROM scratch\nRUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/a/ true\n"))
        .hasMessageContaining("two --mount flags on /a");
  }

  @Test
  void run_envForTheProcess_hasImageEnvArgsAndProxyButDefaultPathOnlyWhenMissing() throws Exception {
    Applied applied = apply("""
        FROM scratch
        ENV PATH=/custom
        ARG A=1
        RUN env
        """, new BuildArguments(Map.of("HTTP_PROXY", "http://proxy:3128", "OTHER", "x"), Map.of()));

    RunEffect run = (RunEffect) applied.effects().get(2).orElseThrow();
    assertThat(run.env()).containsExactly("PATH=/custom", "A=1", "HTTP_PROXY=http://proxy:3128");
  }

  @Test
  void run_heredocOnly_runsItsContentAsAScript() throws Exception {
    Applied applied = apply("FROM scratch\nRUN <<EOF\necho one\necho two\nEOF\n");

    assertThat(((RunEffect) applied.effects().get(0).orElseThrow()).argv())
        .containsExactly("/bin/sh", "-c", "echo one\necho two\n");
  }

  @Test
  void run_heredocWithShebang_runsItWithItsInterpreter() throws Exception {
    Applied applied = apply("FROM scratch\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n");

    assertThat(((RunEffect) applied.effects().get(0).orElseThrow()).argv().get(2))
        .startsWith("exec /usr/bin/env python3 /dev/stdin <<'JBUILD_HEREDOC_END'\n#!/usr/bin/env python3\nprint(1)\n");
  }

  @Test
  void run_commandWithHeredocs_givesTheShellTheBodies() throws Exception {
    Applied applied = apply("FROM scratch\nRUN cat <<'A' > /a && cat <<B > /b\n$HOME\nA\nsecond\nB\n");

    assertThat(((RunEffect) applied.effects().get(0).orElseThrow()).argv())
        .containsExactly("/bin/sh", "-c", "cat <<'A' > /a && cat <<B > /b\n$HOME\nA\nsecond\nB\n");
  }

  @Test
  void copy_heredoc_expandedUnlessTheDelimiterIsQuoted() throws Exception {
    Applied applied = apply("FROM scratch\nARG WHO=world\nCOPY <<EOF <<'RAW' /dest/\nhello $WHO\nEOF\nkeep $WHO\nRAW\n");

    CopyEffect copy = (CopyEffect) applied.effects().get(1).orElseThrow();
    assertThat(copy.sources()).isEmpty();
    assertThat(copy.heredocs()).extracting(dev.jbuild.grammar.ast.Heredoc::content).containsExactly("hello world\n", "keep $WHO\n");
  }
}
