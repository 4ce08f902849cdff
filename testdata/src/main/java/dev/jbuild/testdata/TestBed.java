package dev.jbuild.testdata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared test bed: Debian's docker-registry on 127.0.0.1:5000 seeded with busybox and
 * debian:bookworm-slim built by jbuild itself, and Debian's docker engine to pull and run
 * results. Starting is idempotent; what it starts keeps running for later test classes.
 */
public final class TestBed {
  public static final String REGISTRY = "127.0.0.1:5000";

  private TestBed() {}

  /** Starts the registry and seeds it with base images built by {@code jbuildCommand}. */
  public static synchronized void seeded(List<String> jbuildCommand) {
    List<String> command = new ArrayList<>(List.of("bash", RepositoryLayout.testbedScript().toString(), "seed"));
    command.addAll(jbuildCommand);
    Processes.check(command, Duration.ofMinutes(10));
  }

  /** Starts the docker engine; returns the docker command prefix that talks to it. */
  public static synchronized List<String> docker() {
    Processes.check(List.of("bash", RepositoryLayout.testbedScript().toString(), "docker"), Duration.ofMinutes(3));
    String client = java.nio.file.Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    String state = System.getenv().getOrDefault("JBUILD_TESTBED_DIR", "/tmp/jbuild-testbed");
    return List.of(client, "-H", "unix://" + state + "/docker.sock");
  }
}
