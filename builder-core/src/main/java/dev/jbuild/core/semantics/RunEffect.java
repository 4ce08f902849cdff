package dev.jbuild.core.semantics;

import java.util.List;
import java.util.Objects;

/**
 * Run {@code argv} in the stage's root filesystem. {@code env} is the full process environment
 * (image ENV plus the ARGs in scope, {@code K=V}); {@code user} is as written in USER, resolved by
 * the sandbox through the root filesystem's own /etc/passwd; {@code mounts} are its
 * {@code --mount}s.
 */
public record RunEffect(List<String> argv, List<String> env, String user, String workingDir, Network network,
    List<RunMount> mounts) implements Effect {

  /** RUN's network: the build's default, the host's, or none (only loopback). */
  public enum Network {
    DEFAULT,
    HOST,
    NONE
  }

  public RunEffect {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(network, "network");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("RUN needs a command");
    }
  }
}
