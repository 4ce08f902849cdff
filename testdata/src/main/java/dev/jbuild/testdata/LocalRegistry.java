package dev.jbuild.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;

/**
 * Debian's {@code docker-registry} (distribution 2.x) running as a child process on a free port,
 * with filesystem storage in a temporary directory and deletes enabled. Plain HTTP by default,
 * HTTPS with {@link Builder#tls}, htpasswd basic auth with {@link Builder#basicAuth}, and every
 * request logged with {@link Builder#accessLog} (see {@link #requests()}).
 *
 * <p>Use it from JUnit 5 as {@code @AutoClose static final LocalRegistry REGISTRY =
 * LocalRegistry.start();} or in try-with-resources. {@link #start()} returns once {@code /v2/}
 * answers. When the binary is missing it fails with a message saying how to install it; it
 * never skips. Thread-safe; {@link #close()} stops the process and deletes the storage.
 */
public final class LocalRegistry implements AutoCloseable {
  /** Where Debian's {@code docker-registry} package installs the binary. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final int START_ATTEMPTS = 5;
  /** A request in the combined log format: {@code "HEAD /v2/... HTTP/1.1" 200 ...}. */
  private static final java.util.regex.Pattern ACCESS_LOG_LINE =
      java.util.regex.Pattern.compile("\"([A-Z]+) (\\S+) HTTP/[0-9.]+\" ([0-9]{3}) ");

  private final LocalRegistryConfig config;
  private final Path workDirectory;
  private final Process process;
  private final Thread shutdownHook;

  private LocalRegistry(LocalRegistryConfig config, Path workDirectory, Process process) {
    this.config = config;
    this.workDirectory = workDirectory;
    this.process = process;
    // A test JVM that dies without closing must not leave a registry running.
    this.shutdownHook = new Thread(process::destroyForcibly, "local-registry-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a registry on a free port of 127.0.0.1. */
  public static LocalRegistry start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of a registry to start. */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private SelfSignedCertificate tls;
    private final java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
    private boolean accessLog;

    private Builder() {}

    /**
     * Requires basic auth: the registry accepts {@code user} with {@code password} (repeatable
     * for several users), from a bcrypt htpasswd file made with {@code htpasswd} (Debian's
     * {@code apache2-utils}).
     */
    public Builder basicAuth(String user, String password) {
      users.put(user, password);
      return this;
    }

    /** Logs every request, so that a test can count them with {@link LocalRegistry#requests()}. */
    public Builder accessLog() {
      this.accessLog = true;
      return this;
    }

    /** Serves HTTPS with {@code certificate} instead of plain HTTP. */
    public Builder tls(SelfSignedCertificate certificate) {
      this.tls = certificate;
      return this;
    }

    /** The address to listen on; 127.0.0.1 unless a test needs a non-loopback one. */
    public Builder bindAddress(InetAddress value) {
      this.bindAddress = value;
      return this;
    }

    /**
     * Starts the registry and waits until it answers.
     *
     * @throws IllegalStateException when the binary is missing or the registry does not start
     */
    public LocalRegistry start() {
      if (!Files.isExecutable(BINARY)) {
        throw new IllegalStateException(
            "Debian's docker-registry is not installed at " + BINARY
                + "; install it with: apt-get install -y docker-registry");
      }
      IllegalStateException lastFailure = null;
      // Another process may take the free port between probing and binding; try a few ports.
      for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
        try {
          return startOnce(bindAddress, tls, users, accessLog);
        } catch (PortTakenException e) {
          lastFailure = e;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start " + BINARY, e);
        }
      }
      throw lastFailure;
    }
  }

  private static LocalRegistry startOnce(InetAddress bindAddress, SelfSignedCertificate tls,
      java.util.Map<String, String> users, boolean accessLog) throws IOException {
    Path workDirectory = Files.createTempDirectory("jbuild-local-registry-");
    Path storage = Files.createDirectories(workDirectory.resolve("storage"));
    Path htpasswd = users.isEmpty() ? null : Htpasswd.write(workDirectory.resolve("htpasswd"), users);
    LocalRegistryConfig config = new LocalRegistryConfig(
        bindAddress.getHostAddress(), freePort(bindAddress), storage, tls, htpasswd, accessLog);
    Path configFile = workDirectory.resolve("config.yml");
    Files.writeString(configFile, config.toYaml(), StandardCharsets.UTF_8);
    Path log = workDirectory.resolve("registry.log");
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(config, workDirectory, process);
    try {
      registry.awaitReady(log);
      return registry;
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  private static int freePort(InetAddress bindAddress) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, bindAddress)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady(Path log) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = readQuietly(log);
        if (output.contains("address already in use")) {
          throw new PortTakenException(address(), output);
        }
        throw new IllegalStateException(
            BINARY + " exited with " + process.exitValue() + " before answering on " + address()
                + ": " + output.strip());
      }
      try {
        probe();
        return;
      } catch (IOException notYet) {
        sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + address(), e);
      }
    }
    throw new IllegalStateException(
        BINARY + " did not answer on " + address() + " within " + READY_TIMEOUT.toSeconds()
            + " s: " + readQuietly(log).strip());
  }

  /**
   * Succeeds once the registry serves: any HTTP answer to {@code /v2/} (200, or 401 once auth is
   * configured), or a completed TLS handshake, whose certificate is not checked (that is what
   * the tests do).
   */
  private void probe() throws IOException, InterruptedException {
    if (config.tls() != null) {
      try (SSLSocket socket = (SSLSocket) TrustingSslContext.trustingAll().getSocketFactory()
          .createSocket(config.bindHost(), config.port())) {
        socket.setSoTimeout(2000);
        socket.startHandshake();
      }
      return;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    http.send(HttpRequest.newBuilder(baseUri().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** The {@code host:port} to put in image references, e.g. {@code 127.0.0.1:41234}. */
  public String address() {
    return config.address();
  }

  public String host() {
    return config.bindHost();
  }

  public int port() {
    return config.port();
  }

  /** {@code http://host:port/}, or {@code https://} when serving TLS. */
  public URI baseUri() {
    return URI.create(config.scheme() + "://" + address() + "/");
  }

  /** Where the registry stores blobs and repositories. */
  public Path storageDirectory() {
    return config.storageDirectory();
  }

  /**
   * The requests logged so far as {@code METHOD PATH STATUS} lines (e.g. {@code HEAD
   * /v2/app/blobs/sha256:... 200}), in order; empty unless started with {@link
   * Builder#accessLog()}.
   */
  public List<String> requests() {
    java.util.regex.Matcher matcher = ACCESS_LOG_LINE.matcher(log());
    List<String> requests = new java.util.ArrayList<>();
    while (matcher.find()) {
      requests.add(matcher.group(1) + " " + matcher.group(2) + " " + matcher.group(3));
    }
    return requests;
  }

  /** What the registry printed so far, for test failure messages. */
  public String log() {
    return readQuietly(workDirectory.resolve("registry.log"));
  }

  /** Stops the registry (SIGTERM, then SIGKILL after 5 s) and deletes its storage. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway; nothing to undo.
    }
    deleteRecursively(workDirectory);
  }

  @Override
  public String toString() {
    return "LocalRegistry[" + address() + "]";
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path path : deepestFirst) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the registry", e);
    }
  }

  /** The chosen port was taken before the registry could bind it; another port is tried. */
  private static final class PortTakenException extends IllegalStateException {
    PortTakenException(String address, String output) {
      super("port taken before docker-registry could bind " + address + ": " + output.strip());
    }
  }
}
