package dev.jbuild.testdata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external commands for tests, with a timeout, capturing both output streams. */
public final class Processes {
  private Processes() {}

  public static ProcessResult run(List<String> command, Path directory, Map<String, String> environment,
      byte[] stdin, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread outReader = pump(process.getInputStream(), out);
      Thread errReader = pump(process.getErrorStream(), err);
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        outReader.join();
        errReader.join();
        throw new AssertionError("timed out after " + timeout + ": " + command + "\n--- stdout\n"
            + out.toString(StandardCharsets.UTF_8) + "\n--- stderr\n" + err.toString(StandardCharsets.UTF_8));
      }
      outReader.join();
      errReader.join();
      return new ProcessResult(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }

  public static ProcessResult run(List<String> command, Duration timeout) {
    return run(command, null, Map.of(), null, timeout);
  }

  /** Runs {@code command} and fails the test unless it exits 0. */
  public static ProcessResult check(List<String> command, Duration timeout) {
    ProcessResult result = run(command, timeout);
    if (result.exitCode() != 0) {
      throw new AssertionError("command failed: " + command + "\n" + result.describe());
    }
    return result;
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread thread = new Thread(() -> {
      try {
        in.transferTo(sink);
      } catch (IOException e) {
        // the process ended; what was read is kept
      }
    }, "process-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
