package dev.jbuild.core.semantics;

import dev.jbuild.grammar.ast.SourceRange;
import java.util.Set;

/** STOPSIGNAL values docker accepts: a Linux signal name (with or without SIG) or number. */
final class Signals {
  private static final Set<String> NAMES = Set.of(
      "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL",
      "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP",
      "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX");

  private Signals() {}

  /** Returns {@code signal} unchanged when valid (docker stores it as written). */
  static String validate(String signal, SourceRange range) throws InstructionException {
    if (signal.matches("[0-9]+")) {
      int number = Integer.parseInt(signal);
      if (number >= 1 && number <= 64) {
        return signal;
      }
    } else {
      String name = signal.startsWith("SIG") ? signal.substring(3) : signal;
      String base = name.replaceFirst("^(RTMIN|RTMAX)[+-][0-9]+$", "$1");
      if (NAMES.contains(base)) {
        return signal;
      }
    }
    throw new InstructionException(range, "invalid signal: " + signal);
  }
}
