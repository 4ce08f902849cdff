package dev.jbuild.executor.sandbox;

import dev.jbuild.core.tar.FileAttributes;
import dev.jbuild.core.tar.LayerBlob;
import dev.jbuild.core.tar.LayerWriter;
import dev.jbuild.core.tar.TarEntry;
import dev.jbuild.executor.layers.SnapshotOptions;
import dev.jbuild.executor.layers.Snapshotter;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Measures what issue 4 sets targets for: per-RUN isolation overhead ({@code true}, median of 50),
 * the snapshot of a one-file change on top of a 100,000-file root file system, and layer writing
 * throughput for compressible and for random (incompressible) data. Run as root:
 *
 * <pre>
 * mvn -q -o -pl executor -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp executor/target/test-classes:executor/target/classes:builder-core/target/classes:$(cat executor/target/cp.txt) \
 *     dev.jbuild.executor.sandbox.SandboxBenchmark /var/tmp/jbuild-bench
 * </pre>
 */
public final class SandboxBenchmark {
  private SandboxBenchmark() {}

  public static void main(String[] arguments) throws Exception {
    Path base = Files.createDirectories(Path.of(arguments.length > 0 ? arguments[0] : "/var/tmp/jbuild-bench"));
    Path work = Files.createTempDirectory(base, "bench-");
    Path rootfs = BusyboxRootfs.create(work.resolve("rootfs"));
    SandboxFixture fixture = new SandboxFixture(work);

    List<Double> overheads = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      RunSpec spec = fixture.spec(List.of(rootfs), "true");
      long start = System.nanoTime();
      int exitCode = fixture.run(spec).exitCode();
      double millis = (System.nanoTime() - start) / 1e6;
      if (exitCode != 0) {
        throw new IllegalStateException("true failed: " + exitCode);
      }
      if (i >= 10) {
        overheads.add(millis); // the first ten warm up the JIT
      }
    }
    System.out.printf("RUN true, 50 runs: median %.1f ms, p90 %.1f ms, min %.1f ms%n", percentile(overheads, 50), percentile(overheads, 90), Collections.min(overheads));

    Path big = Files.createDirectories(work.resolve("big"));
    for (int directory = 0; directory < 100; directory++) {
      Path parent = Files.createDirectories(big.resolve("usr/share/d" + directory));
      for (int file = 0; file < 1000; file++) {
        Files.writeString(parent.resolve("f" + file), "x");
      }
    }
    RunSpec touch = fixture.spec(List.of(big, rootfs), "sh", "-c", "echo changed > /usr/share/d42/f42");
    long runStart = System.nanoTime();
    fixture.run(touch);
    double runMillis = (System.nanoTime() - runStart) / 1e6;
    List<Double> snapshots = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      new Snapshotter().snapshot(touch.upperDir(), work.resolve("one-file.tar.gz"), SnapshotOptions.defaults()).orElseThrow();
      snapshots.add((System.nanoTime() - start) / 1e6);
    }
    System.out.printf(
        "one-file change on a 100,000-file root: RUN %.1f ms, snapshot median %.1f ms (first %.1f ms)%n",
        runMillis, percentile(snapshots, 50), snapshots.get(0));

    Path data = work.resolve("compressible.log");
    writeCompressible(data, 512L * 1024 * 1024);
    Path random = work.resolve("random.bin");
    writeRandom(random, 512L * 1024 * 1024);
    com.sun.management.OperatingSystemMXBean system =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (Path file : List.of(data, random)) {
      layerWrites(work, file, system);
    }
    Runtime.getRuntime().exec(new String[] {"rm", "-rf", work.toString()}).waitFor();
  }

  /** Writes {@code data} as a one-file layer at gzip levels 1 and 6, twice each, and prints the second. */
  private static void layerWrites(Path work, Path data, com.sun.management.OperatingSystemMXBean system) throws IOException {
    long size = Files.size(data);
    String kind = data.getFileName().toString().endsWith(".log") ? "compressible" : "random (incompressible)";
    // gzip levels 1 and 6, then zstd level 3 (written as -3)
    for (int level : new int[] {1, 6, -LayerWriter.DEFAULT_ZSTD_LEVEL}) {
      for (int round = 0; round < 2; round++) {
        long start = System.nanoTime();
        long cpuStart = system.getProcessCpuTime();
        LayerBlob blob;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(work.resolve("big.tar.gz")), 256 * 1024);
            LayerWriter writer = level > 0 ? LayerWriter.gzip(out, level) : LayerWriter.zstd(out, -level)) {
          writer.addFile(new TarEntry.RegularFile(data.getFileName().toString(), FileAttributes.of(0644, 0, 0, Instant.EPOCH), size), data);
          blob = writer.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (system.getProcessCpuTime() - cpuStart) / 1e9;
        if (round == 1) {
          System.out.printf(
              "layer write, %s level %d, %d MB %s: %.0f MB/s wall clock on %d cores, %.0f MB per CPU second"
                  + " (compressed to %.0f%%)%n",
              level > 0 ? "gzip" : "zstd", Math.abs(level), size / 1_000_000, kind, size / 1e6 / seconds, Runtime.getRuntime().availableProcessors(), size / 1e6 / cpuSeconds,
              100.0 * blob.size() / size);
        }
      }
    }
  }

  private static void writeRandom(Path file, long bytes) throws IOException {
    Random random = new Random(7);
    byte[] buffer = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < bytes; written += buffer.length) {
        random.nextBytes(buffer);
        out.write(buffer);
      }
    }
  }

  private static void writeCompressible(Path file, long bytes) throws IOException {
    Random random = new Random(42);
    String[] levels = {"INFO", "WARN", "DEBUG"};
    long written = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      while (written < bytes) {
        String line =
            "2024-05-01T12:" + (10 + random.nextInt(50)) + ":" + (10 + random.nextInt(50)) + " " + levels[random.nextInt(3)]
                + " [worker-" + random.nextInt(16) + "] request id=" + random.nextInt(1_000_000) + " path=/api/v1/items/"
                + random.nextInt(5000) + " status=" + (random.nextInt(10) == 0 ? 500 : 200) + " took=" + random.nextInt(900) + "ms\n";
        out.write(line);
        written += line.length();
      }
    }
  }

  private static double percentile(List<Double> values, int percent) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
  }
}
