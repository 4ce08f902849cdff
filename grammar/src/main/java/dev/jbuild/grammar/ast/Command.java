package dev.jbuild.grammar.ast;

import java.util.List;

/**
 * The command of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD. In exec form (a JSON array) the
 * arguments are the array's strings; in shell form there is exactly one argument, the text as
 * written (continuations joined), to be handed to the stage's SHELL unexpanded.
 */
public record Command(List<String> arguments, boolean execForm) {
  public Command {
    arguments = List.copyOf(arguments);
    if (!execForm && arguments.size() != 1) {
      throw new IllegalArgumentException("a shell-form command is one string, got " + arguments);
    }
  }

  public static Command shell(String text) {
    return new Command(List.of(text), false);
  }

  public static Command exec(List<String> arguments) {
    return new Command(arguments, true);
  }
}
