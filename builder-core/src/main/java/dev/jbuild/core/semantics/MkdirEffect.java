package dev.jbuild.core.semantics;

import java.util.Objects;

/** Create directory {@code path} and its parents (WORKDIR), owned by {@code user} when set. */
public record MkdirEffect(String path, String user) implements Effect {
  public MkdirEffect {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(user, "user");
  }
}
