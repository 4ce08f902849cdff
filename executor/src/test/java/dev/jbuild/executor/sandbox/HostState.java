package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the host (the test JVM's namespaces) can see: its mount table and its processes. */
public final class HostState {
  private HostState() {}

  /** The JVM's own mount table lines that mention {@code text}. */
  public static List<String> mountsMentioning(String text) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      if (line.contains(text)) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Host process ids whose command line contains {@code marker}. */
  public static List<Long> processesWith(String marker) throws IOException {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : proc) {
        try {
          String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
          if (commandLine.contains(marker)) {
            pids.add(Long.parseLong(process.getFileName().toString()));
          }
        } catch (IOException e) {
          // the process ended while we looked
        }
      }
    }
    return pids;
  }
}
