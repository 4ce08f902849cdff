package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code docker-credential-<name>} helper, run as docker runs it: the verb ({@code get},
 * {@code store}, {@code erase}) as the argument, the server address or a JSON document on
 * standard input, the answer on standard output. The helper is looked up in the given
 * directories (normally {@code $PATH}). Secrets go only through the helper's standard streams;
 * messages quote the helper's error output, never what was sent to it. Immutable.
 */
final class CredentialHelper {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 60;

  private final String name;
  private final Path executable;

  private CredentialHelper(String name, Path executable) {
    this.name = name;
    this.executable = executable;
  }

  /**
   * The helper {@code docker-credential-<name>} found in {@code searchPath}.
   *
   * @throws IOException naming the helper and the directories searched when it is not there
   */
  static CredentialHelper find(String name, List<Path> searchPath) throws IOException {
    String program = "docker-credential-" + name;
    for (Path directory : searchPath) {
      Path candidate = directory.resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new CredentialHelper(name, candidate);
      }
    }
    throw new IOException("credential helper " + program + " is not installed (searched " + searchPath + ")");
  }

  String program() {
    return "docker-credential-" + name;
  }

  /** The credential stored for {@code serverAddress}, or empty when the helper has none. */
  Optional<Credential> get(String serverAddress) throws IOException {
    Result result = run("get", serverAddress.getBytes(StandardCharsets.UTF_8));
    if (result.exitCode() != 0) {
      // docker-credential-helpers' "credentials not found in native keychain" means: none stored.
      if (result.stdout().contains("credentials not found") || result.stderr().contains("credentials not found")) {
        return Optional.empty();
      }
      throw failure("get", result);
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(result.stdout());
    } catch (IOException e) {
      // Not quoted: the output is meant to hold a secret.
      throw new IOException(program() + " get printed something other than JSON for " + serverAddress);
    }
    String username = answer.path("Username").asText("");
    String secret = answer.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Credential.from(username, secret));
  }

  /** Stores {@code username} and {@code secret} for {@code serverAddress}. */
  void store(String serverAddress, String username, String secret) throws IOException {
    byte[] document = JSON.writeValueAsBytes(
        Map.of("ServerURL", serverAddress, "Username", username, "Secret", secret));
    Result result = run("store", document);
    if (result.exitCode() != 0) {
      throw failure("store", result);
    }
  }

  /** Erases what is stored for {@code serverAddress}; whether there was something. */
  boolean erase(String serverAddress) throws IOException {
    Result result = run("erase", serverAddress.getBytes(StandardCharsets.UTF_8));
    if (result.exitCode() == 0) {
      return true;
    }
    if (result.stdout().contains("credentials not found") || result.stderr().contains("credentials not found")) {
      return false;
    }
    throw failure("erase", result);
  }

  private IOException failure(String verb, Result result) {
    String output = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
    String firstLine = output.lines().findFirst().orElse("");
    return new IOException(program() + " " + verb + " failed with exit code " + result.exitCode()
        + (firstLine.isEmpty() ? "" : ": " + firstLine));
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result run(String verb, byte[] input) throws IOException {
    Process process = new ProcessBuilder(executable.toString(), verb).start();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread errorReader = new Thread(() -> copyQuietly(process.getErrorStream(), stderr),
        program() + "-stderr");
    errorReader.setDaemon(true);
    errorReader.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input);
    } catch (IOException helperClosedItsInput) {
      // Some helpers read nothing for some verbs; their exit code tells.
    }
    byte[] stdout = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(program() + " " + verb + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      errorReader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while running " + program());
    }
    return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8));
  }

  private static void copyQuietly(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ended) {
      // The helper ended; what was read is kept.
    }
  }
}
