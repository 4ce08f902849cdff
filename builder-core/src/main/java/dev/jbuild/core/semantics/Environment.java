package dev.jbuild.core.semantics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Process environments: image ENV lists ({@code K=V}) and the environment RUN sees. */
public final class Environment {
  /** The PATH a container gets when its image sets none (Go's system.DefaultPathEnv on Linux). */
  public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private Environment() {}

  /** {@code env} with {@code name} set to {@code value}, replacing an earlier value in place. */
  public static List<String> set(List<String> env, String name, String value) {
    List<String> next = new ArrayList<>(env.size() + 1);
    boolean replaced = false;
    for (String entry : env) {
      if (nameOf(entry).equals(name)) {
        if (!replaced) {
          next.add(name + "=" + value);
          replaced = true;
        }
      } else {
        next.add(entry);
      }
    }
    if (!replaced) {
      next.add(name + "=" + value);
    }
    return next;
  }

  static String nameOf(String entry) {
    int equals = entry.indexOf('=');
    return equals < 0 ? entry : entry.substring(0, equals);
  }

  /**
   * The environment of a RUN: the image's ENV, then the ARGs in scope that ENV does not shadow,
   * then proxy build args (passed by docker without a declaration), and a default PATH when none
   * is set. ARGs are never persisted into the image: they live only here.
   */
  static List<String> forRun(StageState state, BuildArguments arguments) {
    List<String> env = new ArrayList<>(state.image().config().env());
    Set<String> names = new LinkedHashSet<>();
    env.forEach(entry -> names.add(nameOf(entry)));
    state.args().forEach((name, value) -> {
      if (names.add(name)) {
        env.add(name + "=" + value);
      }
    });
    arguments.buildArgs().forEach((name, value) -> {
      if (BuildArguments.PROXY_ARGS.contains(name) && names.add(name)) {
        env.add(name + "=" + value);
      }
    });
    if (!names.contains("PATH")) {
      env.add("PATH=" + DEFAULT_PATH);
    }
    return env;
  }
}
