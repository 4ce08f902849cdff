package dev.jbuild.core.semantics;

import dev.jbuild.grammar.ast.RunInstruction;
import java.util.Locale;
import java.util.Set;

/** RUN's flags. */
final class RunFlags {
  private static final Set<String> ALLOWED = Set.of("mount", "network", "security", "device");

  private RunFlags() {}

  static RunEffect.Network network(RunInstruction instruction) throws InstructionException {
    Flags flags = new Flags(instruction.flags(), instruction.range(), "RUN", ALLOWED);
    if (!flags.all("mount").isEmpty()) {
      // TODO: RUN --mount (bind, cache, tmpfs, secret, ssh) is the executor's next step.
      throw new InstructionException(instruction.range(), "RUN --mount is not supported yet by jbuild");
    }
    String security = flags.single("security");
    if (security != null && !security.equalsIgnoreCase("sandbox")) {
      throw new InstructionException(instruction.range(), "RUN --security=" + security + " is not supported (only sandbox)");
    }
    if (!flags.all("device").isEmpty()) {
      throw new InstructionException(instruction.range(), "RUN --device is not supported by jbuild");
    }
    String network = flags.single("network");
    if (network == null) {
      return RunEffect.Network.DEFAULT;
    }
    return switch (network.toLowerCase(Locale.ROOT)) {
      case "default" -> RunEffect.Network.DEFAULT;
      case "none" -> RunEffect.Network.NONE;
      case "host" -> RunEffect.Network.HOST;
      default -> throw new InstructionException(instruction.range(),
          "unsupported network mode " + network + " (use default, none or host)");
    };
  }
}
