package dev.jbuild.core.semantics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the build was given from outside the Dockerfile and what every stage may inherit:
 * {@code --build-arg} values, and the global ARGs (declared before the first FROM, plus the
 * predefined platform ARGs) after overrides. A stage sees a global ARG only when it re-declares it.
 */
public record BuildArguments(Map<String, String> buildArgs, Map<String, String> globalArgs) {
  /** The proxy ARGs docker passes to RUN without a declaration, and never persists. */
  public static final Set<String> PROXY_ARGS =
      Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
          "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

  public BuildArguments {
    buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
    globalArgs = Collections.unmodifiableMap(new LinkedHashMap<>(globalArgs));
  }

  public static BuildArguments none() {
    return new BuildArguments(Map.of(), Map.of());
  }
}
