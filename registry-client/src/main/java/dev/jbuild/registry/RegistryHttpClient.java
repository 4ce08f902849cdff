package dev.jbuild.registry;

import com.google.api.client.http.HttpTransport;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP client handed to jib: it sends each request straight to the right scheme instead of
 * jib's HTTPS-first failover (which tries HTTPS, then HTTPS without verification, then HTTP, on
 * every request that does not succeed). A registry the {@link PlainHttpPolicy} allows plain
 * HTTP gets {@code http://}; any other gets HTTPS with certificate checks against the system
 * trust store plus that registry's own CAs ({@link RegistryTrust}), and an {@code http://} URL
 * for it (a redirect, an upload location) is refused rather than followed. One HTTPS client per
 * registry host, so that one registry's CA is never trusted for another. Thread-safe; {@link
 * #shutDown()} releases the pooled connections.
 */
final class RegistryHttpClient extends FailoverHttpClient {
  private final PlainHttpPolicy policy;
  private final RegistryTrust trust;
  private final Consumer<LogEvent> logger;
  private final FailoverHttpClient plainClient;
  private final Map<String, FailoverHttpClient> secureClients = new ConcurrentHashMap<>();

  RegistryHttpClient(PlainHttpPolicy policy, RegistryTrust trust, Consumer<LogEvent> logger) {
    // The superclass state is unused: every request goes to one of the delegates.
    super(false, false, logger);
    this.policy = policy;
    this.trust = trust;
    this.logger = logger;
    this.plainClient =
        JibInternals.newHttpClient(true, true, logger, memoized(HttpTransports::plain));
  }

  @Override
  public Response call(String httpMethod, URL url, Request request) throws IOException {
    String authority = authority(url);
    if (policy.allowsPlainHttp(authority)) {
      return plainClient.call(httpMethod, withScheme(url, "http"), request);
    }
    return secureClient(authority).call(httpMethod, url, request);
  }

  @Override
  public void shutDown() throws IOException {
    try {
      plainClient.shutDown();
    } finally {
      for (FailoverHttpClient client : secureClients.values()) {
        client.shutDown();
      }
    }
  }

  /**
   * The HTTPS client for {@code authority}, made on first use (TLS set-up costs ~200 ms).
   *
   * @throws IOException when a CA file for it cannot be read
   */
  private FailoverHttpClient secureClient(String authority) throws IOException {
    FailoverHttpClient existing = secureClients.get(authority);
    if (existing != null) {
      return existing;
    }
    List<Path> caFiles = trust.caFiles(authority);
    NamingTrustManager trustManager;
    try {
      trustManager = trust.trustManager(authority, caFiles);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS trust for " + authority + ": " + e.getMessage(), e);
    }
    if (!caFiles.isEmpty()) {
      logger.accept(LogEvent.debug("trusting for " + authority + " the system CAs and " + caFiles));
    }
    FailoverHttpClient created = JibInternals.newHttpClient(
        false, false, logger, memoized(() -> HttpTransports.secure(trustManager)));
    FailoverHttpClient raced = secureClients.putIfAbsent(authority, created);
    return raced != null ? raced : created;
  }

  private static String authority(URL url) {
    return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  private static URL withScheme(URL url, String scheme) throws IOException {
    return url.getProtocol().equals(scheme) ? url : new URL(scheme, url.getHost(), url.getPort(), url.getFile());
  }

  /** Creates the transport on first use and shares it after. */
  private static Supplier<HttpTransport> memoized(Supplier<HttpTransport> factory) {
    return new Supplier<>() {
      private HttpTransport transport;

      @Override
      public synchronized HttpTransport get() {
        if (transport == null) {
          transport = factory.get();
        }
        return transport;
      }
    };
  }
}
