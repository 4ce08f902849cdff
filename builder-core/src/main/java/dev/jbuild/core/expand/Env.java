package dev.jbuild.core.expand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a word is expanded against. Names are compared exactly (BuildKit compares them
 * case-insensitively only on Windows, which jbuild does not target).
 */
@FunctionalInterface
public interface Env {

  /**
   * The value of {@code name}, or {@code null} when it is unset. An empty string means set but
   * empty, which {@code ${V-w}} and {@code ${V:-w}} tell apart.
   */
  String get(String name);

  /** No variables at all. */
  static Env empty() {
    return of(Map.of());
  }

  /** The variables of {@code variables}, copied; null keys or values are rejected. */
  static Env of(Map<String, String> variables) {
    return new MapEnv(variables);
  }

  /**
   * Variables from {@code KEY=VALUE} strings as in an image config's {@code Env}: the value is
   * everything after the first {@code =}, an entry without {@code =} sets its name to the empty
   * string, and when a name repeats the last entry wins (BuildKit's {@code BuildEnvs}).
   */
  static Env ofList(List<String> keyValues) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (String keyValue : keyValues) {
      int equals = keyValue.indexOf('=');
      if (equals < 0) {
        variables.put(keyValue, "");
      } else {
        variables.put(keyValue.substring(0, equals), keyValue.substring(equals + 1));
      }
    }
    return new MapEnv(variables);
  }
}
