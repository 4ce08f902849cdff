package dev.jbuild.grammar.ast;

/**
 * One Dockerfile instruction. Sealed so that every consumer switching over instructions is
 * checked for exhaustiveness by the compiler: a new instruction that is not handled somewhere is
 * a compile error, not a runtime surprise. Java 17 has no pattern switch, so exhaustive handling
 * goes through {@link InstructionVisitor}.
 */
public sealed interface Instruction
    permits FromInstruction, RunInstruction, CmdInstruction, LabelInstruction,
        MaintainerInstruction, ExposeInstruction, EnvInstruction, AddInstruction,
        CopyInstruction, EntrypointInstruction, VolumeInstruction, UserInstruction,
        WorkdirInstruction, ArgInstruction, OnbuildInstruction, StopsignalInstruction,
        HealthcheckInstruction, ShellInstruction {

  /** Where the instruction is in its Dockerfile. */
  SourceRange range();

  /**
   * The instruction as written, continuations joined into one line and the keyword in its
   * original case (for error excerpts and image history).
   */
  String text();

  /** Calls the visitor method for this instruction's type. */
  <R, E extends Exception> R accept(InstructionVisitor<R, E> visitor) throws E;

  /** The upper-case keyword, e.g. {@code COPY}. */
  String keyword();
}
