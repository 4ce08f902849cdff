package dev.jbuild.core.semantics;

import dev.jbuild.grammar.ast.RunInstruction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** RUN's flags. */
final class RunFlags {
  private static final Set<String> ALLOWED = Set.of("mount", "network", "security", "device");

  private RunFlags() {}

  /** The {@code --mount}s, expanded, with relative targets taken from {@code workingDir}. */
  static List<RunMount> mounts(RunInstruction instruction, Expansion expansion, String workingDir)
      throws InstructionException {
    Flags flags = new Flags(instruction.flags(), instruction.range(), "RUN", ALLOWED);
    List<RunMount> mounts = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    int sshMounts = 0;
    for (String value : flags.all("mount")) {
      RunMount mount;
      try {
        mount = RunMount.parse(expansion.word(value), workingDir.isEmpty() ? "/" : workingDir);
      } catch (IllegalArgumentException e) {
        throw new InstructionException(instruction.range(), e.getMessage());
      }
      if (mount.type() == RunMount.Type.SSH && mount.target().equals("/run/buildkit/ssh_agent.0")) {
        // BuildKit numbers the agent sockets of one RUN: ssh_agent.0, ssh_agent.1, ...
        mount = mount.withTarget("/run/buildkit/ssh_agent." + sshMounts);
      }
      if (mount.type() == RunMount.Type.SSH) {
        sshMounts++;
      }
      if (!targets.add(mount.target())) {
        throw new InstructionException(instruction.range(), "two --mount flags on " + mount.target());
      }
      mounts.add(mount);
    }
    return mounts;
  }

  static RunEffect.Network network(RunInstruction instruction) throws InstructionException {
    Flags flags = new Flags(instruction.flags(), instruction.range(), "RUN", ALLOWED);
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
