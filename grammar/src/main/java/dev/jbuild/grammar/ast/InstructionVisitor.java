package dev.jbuild.grammar.ast;

/**
 * One method per instruction type, so that a consumer handles every instruction or does not
 * compile. {@code E} is the checked exception the visitor may throw.
 */
public interface InstructionVisitor<R, E extends Exception> {
  R visitAdd(AddInstruction instruction) throws E;

  R visitArg(ArgInstruction instruction) throws E;

  R visitCmd(CmdInstruction instruction) throws E;

  R visitCopy(CopyInstruction instruction) throws E;

  R visitEntrypoint(EntrypointInstruction instruction) throws E;

  R visitEnv(EnvInstruction instruction) throws E;

  R visitExpose(ExposeInstruction instruction) throws E;

  R visitFrom(FromInstruction instruction) throws E;

  R visitHealthcheck(HealthcheckInstruction instruction) throws E;

  R visitLabel(LabelInstruction instruction) throws E;

  R visitMaintainer(MaintainerInstruction instruction) throws E;

  R visitOnbuild(OnbuildInstruction instruction) throws E;

  R visitRun(RunInstruction instruction) throws E;

  R visitShell(ShellInstruction instruction) throws E;

  R visitStopsignal(StopsignalInstruction instruction) throws E;

  R visitUser(UserInstruction instruction) throws E;

  R visitVolume(VolumeInstruction instruction) throws E;

  R visitWorkdir(WorkdirInstruction instruction) throws E;
}
