package dev.jbuild.grammar;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A plain benchmark, not a test: parses a generated 10,000-instruction Dockerfile repeatedly and
 * prints the median time of the warm runs. Target: under 100 ms.
 *
 * <p>Run from the repository root after {@code mvn -q -o -pl grammar -am test-compile}:
 * {@code java -cp grammar/target/classes:grammar/target/test-classes:$HOME/.m2/repository/org/antlr/antlr4-runtime/4.13.2/antlr4-runtime-4.13.2.jar dev.jbuild.grammar.ParseBenchmark}
 */
public final class ParseBenchmark {
  private static final int INSTRUCTIONS = 10_000;
  private static final int WARMUP_RUNS = 30;
  private static final int MEASURED_RUNS = 30;

  private ParseBenchmark() {}

  public static void main(String[] arguments) throws Exception {
    String dockerfile = generate(INSTRUCTIONS);
    int instructionCount = 0;
    for (int run = 0; run < WARMUP_RUNS; run++) {
      instructionCount = DockerfileParser.parse(dockerfile, "Dockerfile").instructions().size();
    }
    // Wall time is what a user waits; CPU time of this thread also shows the cost when other
    // processes compete for the cores (wall time then mostly measures waiting).
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] millis = new double[MEASURED_RUNS];
    double[] cpuMillis = new double[MEASURED_RUNS];
    for (int run = 0; run < MEASURED_RUNS; run++) {
      long startCpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      DockerfileParser.parse(dockerfile, "Dockerfile");
      millis[run] = (System.nanoTime() - start) / 1e6;
      cpuMillis[run] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
    }
    Arrays.sort(millis);
    Arrays.sort(cpuMillis);
    System.out.printf("parsed %d instructions (%d lines, %d characters): warm median %.1f ms wall"
            + " (min %.1f, max %.1f), %.1f ms CPU, over %d runs%n",
        instructionCount, dockerfile.split("\n", -1).length - 1, dockerfile.length(),
        millis[MEASURED_RUNS / 2], millis[0], millis[MEASURED_RUNS - 1], cpuMillis[MEASURED_RUNS / 2], MEASURED_RUNS);
  }

  /** A realistic mix: multi-stage FROMs, flags, continuations, JSON, ENV pairs, heredocs. */
  static String generate(int instructions) {
    StringBuilder text = new StringBuilder("# syntax=docker/dockerfile:1\n");
    int count = 0;
    for (int block = 0; count < instructions; block++) {
      String[] lines = {
        "FROM --platform=$BUILDPLATFORM golang:1.22 AS build" + block,
        "ARG VERSION=1.0." + block + " COMMIT",
        "ENV GOPATH=/go PATH=\"/go/bin:$PATH\" CGO_ENABLED=0",
        "WORKDIR /src/app" + block,
        "COPY --chown=1000:1000 --link go.mod go.sum ./",
        "RUN --mount=type=cache,target=/root/.cache/go-build \\\n"
            + "    --mount=type=cache,target=/go/pkg/mod \\\n"
            + "    go build -trimpath -ldflags \"-s -w -X main.version=${VERSION}\" \\\n"
            + "      -o /out/app" + block + " ./cmd/app",
        "RUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends ca-certificates\nEOF",
        "LABEL org.opencontainers.image.title=\"app " + block + "\" org.opencontainers.image.version=$VERSION",
        "EXPOSE 8080/tcp 9090",
        "HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app\", \"health\"]",
      };
      for (String line : lines) {
        if (count == instructions) {
          break;
        }
        text.append(line).append('\n');
        count++;
      }
    }
    return text.toString();
  }
}
