package dev.jbuild.core.expand;

import java.util.Map;

/** An {@link Env} backed by an immutable copy of a map. */
record MapEnv(Map<String, String> variables) implements Env {
  MapEnv {
    variables = Map.copyOf(variables);
  }

  @Override
  public String get(String name) {
    return variables.get(name);
  }
}
