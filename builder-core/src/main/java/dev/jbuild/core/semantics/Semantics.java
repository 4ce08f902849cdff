package dev.jbuild.core.semantics;

import dev.jbuild.core.image.ContainerConfig;
import dev.jbuild.core.image.ImageConfig;
import dev.jbuild.grammar.ast.AddInstruction;
import dev.jbuild.grammar.ast.ArgDeclaration;
import dev.jbuild.grammar.ast.ArgInstruction;
import dev.jbuild.grammar.ast.CmdInstruction;
import dev.jbuild.grammar.ast.Command;
import dev.jbuild.grammar.ast.CopyInstruction;
import dev.jbuild.grammar.ast.EntrypointInstruction;
import dev.jbuild.grammar.ast.EnvInstruction;
import dev.jbuild.grammar.ast.ExposeInstruction;
import dev.jbuild.grammar.ast.FromInstruction;
import dev.jbuild.grammar.ast.HealthcheckInstruction;
import dev.jbuild.grammar.ast.Instruction;
import dev.jbuild.grammar.ast.InstructionVisitor;
import dev.jbuild.grammar.ast.KeyValue;
import dev.jbuild.grammar.ast.LabelInstruction;
import dev.jbuild.grammar.ast.MaintainerInstruction;
import dev.jbuild.grammar.ast.OnbuildInstruction;
import dev.jbuild.grammar.ast.RunInstruction;
import dev.jbuild.grammar.ast.ShellInstruction;
import dev.jbuild.grammar.ast.StopsignalInstruction;
import dev.jbuild.grammar.ast.UserInstruction;
import dev.jbuild.grammar.ast.VolumeInstruction;
import dev.jbuild.grammar.ast.WorkdirInstruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The meaning of each instruction inside a stage, as BuildKit's Dockerfile frontend gives it: a
 * pure function from (state, instruction) to {@link StepOutcome}. FROM is not handled here: it
 * starts a stage and belongs to the build plan.
 */
public final class Semantics {
  /** BuildKit's history comment on every step it records. */
  public static final String HISTORY_COMMENT = "buildkit.dockerfile.v0";

  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private Semantics() {}

  /**
   * Applies {@code instruction} to {@code state}.
   *
   * @throws InstructionException when the instruction's values are invalid after expansion
   */
  public static StepOutcome apply(StageState state, Instruction instruction, BuildArguments arguments)
      throws InstructionException {
    return instruction.accept(new Handler(state, arguments));
  }

  /** The image config a {@code FROM scratch} stage starts with, as BuildKit's emptyImage. */
  public static ImageConfig scratchConfig(dev.jbuild.core.image.Platform platform) {
    ContainerConfig config =
        ContainerConfig.EMPTY.withWorkingDir("/").withEnv(List.of("PATH=" + Environment.DEFAULT_PATH));
    return ImageConfig.scratch(platform).withConfig(config);
  }

  private static final class Handler implements InstructionVisitor<StepOutcome, InstructionException> {
    private final StageState state;
    private final BuildArguments arguments;
    private final ContainerConfig config;

    Handler(StageState state, BuildArguments arguments) {
      this.state = state;
      this.arguments = arguments;
      this.config = state.image().config();
    }

    private StageState withConfig(ContainerConfig next) {
      return state.withImage(state.image().withConfig(next));
    }

    private Expansion expansion(Instruction instruction) {
      return Expansion.of(state, instruction.range());
    }

    @Override
    public StepOutcome visitFrom(FromInstruction instruction) {
      throw new IllegalStateException("FROM starts a stage; the build plan handles it");
    }

    @Override
    public StepOutcome visitRun(RunInstruction instruction) throws InstructionException {
      List<String> argv = instruction.heredocs().isEmpty() || instruction.command().execForm()
          ? commandLine(instruction.command())
          : heredocCommandLine(instruction.command().arguments().get(0), instruction.heredocs());
      RunEffect.Network network = RunFlags.network(instruction);
      List<RunMount> mounts = RunFlags.mounts(instruction, expansion(instruction), state.workingDir());
      List<String> env = Environment.forRun(state, arguments);
      RunEffect effect = new RunEffect(argv, env, state.user(), state.workingDir(), network, mounts);
      return StepOutcome.withEffect(state, effect, "RUN " + runHistory(argv) + " # buildkit");
    }

    /** BuildKit prefixes RUN history with the build args it saw: {@code |2 A=1 B=2 cmd}. */
    private String runHistory(List<String> argv) {
      String command = String.join(" ", argv);
      if (state.args().isEmpty()) {
        return command;
      }
      StringBuilder prefix = new StringBuilder("|").append(state.args().size());
      state.args().forEach((name, value) -> prefix.append(' ').append(name).append('=').append(value));
      return prefix + " " + command;
    }

    /**
     * A shell-form RUN with here-documents, as BuildKit runs it: a command that is only a
     * here-document runs its content as a script (with its {@code #!} interpreter when it has
     * one); otherwise the shell gets the command followed by the here-document bodies, which it
     * feeds to the command itself (quoted delimiters keep the shell from expanding them).
     */
    private List<String> heredocCommandLine(String text, List<dev.jbuild.grammar.ast.Heredoc> heredocs) {
      List<String> argv = new ArrayList<>(config.shell() == null || config.shell().isEmpty() ? DEFAULT_SHELL : config.shell());
      if (heredocs.size() == 1 && text.trim().matches("<<-?[\"']?" + java.util.regex.Pattern.quote(heredocs.get(0).name()) + "[\"']?")) {
        String script = heredocs.get(0).content();
        if (script.startsWith("#!")) {
          String interpreter = script.substring(2, script.indexOf('\n') < 0 ? script.length() : script.indexOf('\n')).trim();
          argv.add("exec " + interpreter + " /dev/stdin <<'JBUILD_HEREDOC_END'\n" + script
              + (script.endsWith("\n") ? "" : "\n") + "JBUILD_HEREDOC_END\n");
        } else {
          argv.add(script);
        }
        return argv;
      }
      StringBuilder script = new StringBuilder(text).append('\n');
      for (dev.jbuild.grammar.ast.Heredoc heredoc : heredocs) {
        script.append(heredoc.content());
        if (!heredoc.content().isEmpty() && !heredoc.content().endsWith("\n")) {
          script.append('\n');
        }
        script.append(heredoc.name()).append('\n');
      }
      argv.add(script.toString());
      return argv;
    }

    private List<String> commandLine(Command command) {
      if (command.execForm()) {
        return command.arguments();
      }
      List<String> argv = new ArrayList<>(config.shell() == null || config.shell().isEmpty() ? DEFAULT_SHELL : config.shell());
      argv.add(command.arguments().get(0));
      return argv;
    }

    @Override
    public StepOutcome visitCmd(CmdInstruction instruction) {
      List<String> cmd = commandLine(instruction.command());
      StageState next = withConfig(config.withCmd(cmd)).withCmdSet(true);
      return StepOutcome.metadata(next, "CMD " + GoFormat.quotedList(cmd));
    }

    @Override
    public StepOutcome visitEntrypoint(EntrypointInstruction instruction) {
      List<String> entrypoint = commandLine(instruction.command());
      ContainerConfig next = config.withEntrypoint(entrypoint);
      if (!state.cmdSet()) {
        // An ENTRYPOINT resets a CMD inherited from the base image, but not one set in this stage.
        next = next.withCmd(null);
      }
      return StepOutcome.metadata(withConfig(next), "ENTRYPOINT " + GoFormat.quotedList(entrypoint));
    }

    @Override
    public StepOutcome visitShell(ShellInstruction instruction) throws InstructionException {
      if (instruction.shell().isEmpty()) {
        throw new InstructionException(instruction.range(), "SHELL requires at least one argument");
      }
      return StepOutcome.metadata(withConfig(config.withShell(instruction.shell())),
          "SHELL " + GoFormat.plainList(instruction.shell()));
    }

    @Override
    public StepOutcome visitEnv(EnvInstruction instruction) throws InstructionException {
      StageState next = state;
      StringBuilder history = new StringBuilder("ENV");
      for (KeyValue variable : instruction.variables()) {
        // Each assignment sees the ones before it on the same line, as in BuildKit.
        Expansion expansion = Expansion.of(next, instruction.range());
        String name = expansion.word(variable.key());
        String value = expansion.word(variable.value());
        if (name.isEmpty()) {
          throw new InstructionException(instruction.range(), "ENV names can not be blank");
        }
        next = next.withImage(next.image().withConfig(
            next.image().config().withEnv(Environment.set(next.image().config().env(), name, value))));
        history.append(' ').append(name).append('=').append(value);
      }
      return StepOutcome.metadata(next, history.toString());
    }

    @Override
    public StepOutcome visitLabel(LabelInstruction instruction) throws InstructionException {
      Expansion expansion = expansion(instruction);
      Map<String, String> labels = new LinkedHashMap<>(config.labels());
      StringBuilder history = new StringBuilder("LABEL");
      for (KeyValue label : instruction.labels()) {
        String key = expansion.word(label.key());
        String value = expansion.word(label.value());
        if (key.isEmpty()) {
          throw new InstructionException(instruction.range(), "LABEL names can not be blank");
        }
        labels.put(key, value);
        history.append(' ').append(key).append('=').append(value);
      }
      return StepOutcome.metadata(withConfig(config.withLabels(labels)), history.toString());
    }

    @Override
    public StepOutcome visitMaintainer(MaintainerInstruction instruction) throws InstructionException {
      String author = expansion(instruction).word(instruction.name());
      return StepOutcome.metadata(state.withImage(state.image().withAuthor(author)), "MAINTAINER " + author);
    }

    @Override
    public StepOutcome visitExpose(ExposeInstruction instruction) throws InstructionException {
      Expansion expansion = expansion(instruction);
      List<String> words = new ArrayList<>();
      for (String port : instruction.ports()) {
        words.addAll(expansion.words(port));
      }
      TreeSet<String> ports = new TreeSet<>(config.exposedPorts());
      List<String> added = new ArrayList<>();
      for (String word : words) {
        for (String port : Ports.parse(word, instruction.range())) {
          ports.add(port);
          added.add(port);
        }
      }
      return StepOutcome.metadata(withConfig(config.withExposedPorts(ports)), "EXPOSE " + String.join(" ", added));
    }

    @Override
    public StepOutcome visitAdd(AddInstruction instruction) throws InstructionException {
      return copyOrAdd(instruction, true, instruction.flags(), instruction.sources(), instruction.destination(),
          instruction.heredocs());
    }

    @Override
    public StepOutcome visitCopy(CopyInstruction instruction) throws InstructionException {
      return copyOrAdd(instruction, false, instruction.flags(), instruction.sources(), instruction.destination(),
          instruction.heredocs());
    }

    private StepOutcome copyOrAdd(Instruction instruction, boolean add, List<dev.jbuild.grammar.ast.Flag> flags,
        List<String> sources, String destination, List<dev.jbuild.grammar.ast.Heredoc> heredocs)
        throws InstructionException {
      CopyEffect effect = CopyFlags.effect(instruction, add, flags, sources, destination, heredocs, state, expansion(instruction));
      String keyword = add ? "ADD" : "COPY";
      StringBuilder history = new StringBuilder(keyword);
      if (effect.from() != null) {
        history.append(" --from=").append(effect.from());
      }
      if (effect.chown() != null) {
        history.append(" --chown=").append(effect.chown());
      }
      if (effect.chmod() != null) {
        history.append(" --chmod=").append(effect.chmod());
      }
      for (String source : effect.sources()) {
        history.append(' ').append(source);
      }
      history.append(' ').append(effect.destination()).append(" # buildkit");
      return StepOutcome.withEffect(state, effect, history.toString());
    }

    @Override
    public StepOutcome visitVolume(VolumeInstruction instruction) throws InstructionException {
      Expansion expansion = expansion(instruction);
      TreeSet<String> volumes = new TreeSet<>(config.volumes());
      List<String> added = new ArrayList<>();
      for (String path : instruction.paths()) {
        String volume = expansion.word(path).trim();
        if (volume.isEmpty()) {
          throw new InstructionException(instruction.range(), "VOLUME specified can not be an empty string");
        }
        volumes.add(volume);
        added.add(volume);
      }
      return StepOutcome.metadata(withConfig(config.withVolumes(volumes)), "VOLUME " + GoFormat.plainList(added));
    }

    @Override
    public StepOutcome visitUser(UserInstruction instruction) throws InstructionException {
      String user = expansion(instruction).word(instruction.user());
      return StepOutcome.metadata(withConfig(config.withUser(user)), "USER " + user);
    }

    @Override
    public StepOutcome visitWorkdir(WorkdirInstruction instruction) throws InstructionException {
      String path = expansion(instruction).word(instruction.path());
      if (path.isEmpty()) {
        throw new InstructionException(instruction.range(), "WORKDIR requires exactly one argument");
      }
      String directory = Paths.join(state.workingDir(), path);
      StageState next = withConfig(config.withWorkingDir(directory));
      String history = "WORKDIR " + directory;
      if (directory.equals("/")) {
        return StepOutcome.metadata(next, history);
      }
      // BuildKit creates the directory (owned by the current USER) so that later steps and the
      // running container find it; the executor records no layer when it already existed.
      return StepOutcome.withEffect(next, new MkdirEffect(directory, state.user()), history);
    }

    @Override
    public StepOutcome visitArg(ArgInstruction instruction) throws InstructionException {
      StageState next = state;
      List<String> history = new ArrayList<>();
      for (ArgDeclaration declaration : instruction.declarations()) {
        String name = declaration.name();
        String value;
        if (arguments.buildArgs().containsKey(name)) {
          value = arguments.buildArgs().get(name);
        } else if (declaration.defaultValue() != null) {
          value = Expansion.of(next, instruction.range()).word(declaration.defaultValue());
        } else {
          value = arguments.globalArgs().get(name);
        }
        next = next.withArg(name, value);
        history.add(value == null ? name : name + "=" + value);
      }
      return StepOutcome.metadata(next, "ARG " + String.join(" ", history));
    }

    @Override
    public StepOutcome visitOnbuild(OnbuildInstruction instruction) {
      List<String> triggers = new ArrayList<>(config.onBuild());
      triggers.add(instruction.trigger().text());
      return StepOutcome.metadata(withConfig(config.withOnBuild(triggers)), "ONBUILD " + instruction.trigger().text());
    }

    @Override
    public StepOutcome visitStopsignal(StopsignalInstruction instruction) throws InstructionException {
      String signal = Signals.validate(expansion(instruction).word(instruction.signal()), instruction.range());
      return StepOutcome.metadata(withConfig(config.withStopSignal(signal)), "STOPSIGNAL " + signal);
    }

    @Override
    public StepOutcome visitHealthcheck(HealthcheckInstruction instruction) throws InstructionException {
      ContainerConfig.Healthcheck healthcheck = Healthchecks.of(instruction);
      return StepOutcome.metadata(withConfig(config.withHealthcheck(healthcheck)), "HEALTHCHECK " + GoFormat.quotedList(healthcheck.test()));
    }
  }
}
