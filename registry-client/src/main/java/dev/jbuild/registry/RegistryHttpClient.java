package dev.jbuild.registry;

import com.google.api.client.http.HttpTransport;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.Request;
import com.google.cloud.tools.jib.http.Response;
import java.io.IOException;
import java.net.URL;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP client handed to jib: it sends each request straight to the right scheme instead of
 * jib's HTTPS-first failover (which tries HTTPS, then HTTPS without verification, then HTTP, on
 * every request that does not succeed). A registry the {@link PlainHttpPolicy} allows plain
 * HTTP gets {@code http://}; any other gets HTTPS with certificate checks, and an {@code
 * http://} URL for it (a redirect, an upload location) is refused rather than followed.
 * Thread-safe; {@link #shutDown()} releases the pooled connections.
 */
final class RegistryHttpClient extends FailoverHttpClient {
  private final PlainHttpPolicy policy;
  private final FailoverHttpClient plainClient;
  private final FailoverHttpClient secureClient;

  RegistryHttpClient(PlainHttpPolicy policy, Consumer<LogEvent> logger) {
    // The superclass state is unused: every request goes to one of the two delegates.
    super(false, false, logger);
    this.policy = policy;
    this.plainClient =
        JibInternals.newHttpClient(true, true, logger, memoized(HttpTransports::plain));
    this.secureClient =
        JibInternals.newHttpClient(false, false, logger, memoized(HttpTransports::secure));
  }

  @Override
  public Response call(String httpMethod, URL url, Request request) throws IOException {
    if (policy.allowsPlainHttp(authority(url))) {
      return plainClient.call(httpMethod, withScheme(url, "http"), request);
    }
    return secureClient.call(httpMethod, url, request);
  }

  @Override
  public void shutDown() throws IOException {
    try {
      plainClient.shutDown();
    } finally {
      secureClient.shutDown();
    }
  }

  private static String authority(URL url) {
    return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  private static URL withScheme(URL url, String scheme) throws IOException {
    return url.getProtocol().equals(scheme) ? url : new URL(scheme, url.getHost(), url.getPort(), url.getFile());
  }

  /** Creates the transport on first use (TLS set-up costs ~200 ms) and shares it after. */
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
