package dev.jbuild.testdata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on a free loopback port in front of a registry, that injects the faults of a flaky
 * network: the first connections it accepts each meet one planned {@link Fault} (a reset after
 * the request arrived, or a {@code 503} answer), and an armed {@link #resetUploadAfter cut}
 * resets the connection carrying the next blob upload ({@code PATCH}) part way through. All
 * other traffic passes through unchanged. It records the request lines it sees (scanning the
 * client's bytes for {@code METHOD /v2/... HTTP/1.1}), so tests can count requests.
 *
 * <p>Clients must name the proxy's {@link #address()} as the registry: the registry builds
 * upload locations from the {@code Host} header, which then points at the proxy too. Plain HTTP
 * only. Thread-safe; {@link #close()} stops it and drops every connection.
 */
public final class FaultInjectingProxy implements AutoCloseable {
  /** What one faulty connection does. */
  public enum Fault {
    /** Reads the request head, then resets the connection (TCP RST), answering nothing. */
    RESET,
    /** Reads the request head, answers {@code 503 Service Unavailable} and closes. */
    SERVICE_UNAVAILABLE
  }

  private static final Pattern REQUEST_LINE =
      Pattern.compile("(GET|HEAD|POST|PUT|PATCH|DELETE) (/v2/[^ \\r\\n]*) HTTP/1\\.[01]\\r\\n");
  private static final int SCAN_OVERLAP = 8192;

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket server;
  private final Queue<Fault> plannedFaults;
  private final AtomicLong uploadCutAfter = new AtomicLong(-1);
  private final List<String> injected = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private FaultInjectingProxy(String upstreamHost, int upstreamPort, List<Fault> faults) throws IOException {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.plannedFaults = new ConcurrentLinkedQueue<>(faults);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts a proxy to {@code upstreamHost:upstreamPort} whose first accepted connections meet
   * {@code faults}, one each, in order.
   */
  public static FaultInjectingProxy start(String upstreamHost, int upstreamPort, List<Fault> faults) {
    try {
      return new FaultInjectingProxy(upstreamHost, upstreamPort, faults);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fault-injecting proxy", e);
    }
  }

  /** A proxy in front of {@code registry}. */
  public static FaultInjectingProxy inFrontOf(LocalRegistry registry, List<Fault> faults) {
    return start(registry.host(), registry.port(), faults);
  }

  /** Plans {@code count} more {@code fault}s for the next connections. */
  public FaultInjectingProxy thenFail(Fault fault, int count) {
    for (int i = 0; i < count; i++) {
      plannedFaults.add(fault);
    }
    return this;
  }

  /**
   * Arms a cut: the first blob upload ({@code PATCH}) to pass {@code bytes} bytes has its
   * connection reset there. One cut per call.
   */
  public FaultInjectingProxy resetUploadAfter(long bytes) {
    uploadCutAfter.set(bytes);
    return this;
  }

  /**
   * Drops every open connection (as a restarted load balancer does), so that the next requests
   * need new connections, which meet the planned faults; a client's pooled connections go stale.
   */
  public FaultInjectingProxy dropConnections() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
    return this;
  }

  /** {@code 127.0.0.1:port}, to name as the registry. */
  public String address() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /** The faults injected so far, as {@code FAULT METHOD PATH}. */
  public List<String> injectedFaults() {
    return List.copyOf(injected);
  }

  /** The request lines seen so far, as {@code METHOD PATH}, faulty ones included. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing a listening socket does not fail in a way that matters to a test.
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      sockets.add(client);
      Fault fault = plannedFaults.poll();
      Thread handler = new Thread(() -> handle(client, fault), "fault-proxy-connection");
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void handle(Socket client, Fault fault) {
    try {
      if (fault != null) {
        String requestLine = readRequestHead(client.getInputStream());
        requests.add(requestLine);
        injected.add(fault + " " + requestLine);
        if (fault == Fault.RESET) {
          reset(client);
        } else {
          OutputStream out = client.getOutputStream();
          out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
              + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          client.shutdownOutput();
          closeQuietly(client);
        }
        return;
      }
      Socket upstream = new Socket(upstreamHost, upstreamPort);
      sockets.add(upstream);
      Thread back = new Thread(() -> pump(upstream, client, false), "fault-proxy-downstream");
      back.setDaemon(true);
      back.start();
      pump(client, upstream, true);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  /**
   * Copies {@code from} to {@code to}; for the client's side, records request lines and applies
   * an armed upload cut.
   */
  private void pump(Socket from, Socket to, boolean clientSide) {
    byte[] buffer = new byte[64 * 1024];
    RequestScanner scanner = clientSide ? new RequestScanner() : null;
    // Bytes sent since the last request line when that was an upload (PATCH), else -1.
    long sinceUpload = -1;
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int read; (read = in.read(buffer)) >= 0; ) {
        if (scanner != null) {
          List<String> seen = scanner.scan(buffer, read);
          requests.addAll(seen);
          if (!seen.isEmpty()) {
            sinceUpload = seen.get(seen.size() - 1).startsWith("PATCH ") ? 0 : -1;
          }
          if (sinceUpload >= 0) {
            sinceUpload += read;
            long armed = uploadCutAfter.get();
            if (armed >= 0 && sinceUpload >= armed && uploadCutAfter.compareAndSet(armed, -1)) {
              injected.add("UPLOAD_CUT after " + sinceUpload + " bytes");
              reset(from);
              reset(to);
              return;
            }
          }
        }
        out.write(buffer, 0, read);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static String readRequestHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < 4 && (b = in.read()) >= 0; ) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String line = text.lines().findFirst().orElse("");
    String[] parts = line.split(" ");
    return parts.length >= 2 ? parts[0] + " " + parts[1] : line;
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // Already closed: nothing to reset.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // The connection is gone either way.
    }
  }

  /**
   * Finds request lines in a byte stream read in chunks, a line split across chunks included,
   * each reported once. Blob bytes are scanned too; random data matching the pattern is not a
   * concern in tests.
   */
  private static final class RequestScanner {
    private final StringBuilder window = new StringBuilder();
    private int scannedUpTo;

    List<String> scan(byte[] bytes, int length) {
      window.append(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
      List<String> found = new ArrayList<>();
      Matcher matcher = REQUEST_LINE.matcher(window);
      int from = scannedUpTo;
      while (matcher.find(from)) {
        found.add(matcher.group(1) + " " + matcher.group(2));
        from = matcher.end();
        scannedUpTo = from;
      }
      if (window.length() > SCAN_OVERLAP) {
        int drop = window.length() - SCAN_OVERLAP;
        window.delete(0, drop);
        scannedUpTo = Math.max(0, scannedUpTo - drop);
      }
      return found;
    }
  }

  @Override
  public String toString() {
    return "FaultInjectingProxy[" + address() + " -> " + upstreamHost + ":" + upstreamPort + "]";
  }
}
