package dev.jbuild.registry;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import java.net.ProxySelector;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.impl.conn.SystemDefaultRoutePlanner;

/**
 * Builds the HTTP transports jib's clients send requests through. One transport per kind is
 * shared by all requests so that connections are kept alive and TLS handshakes happen once per
 * connection, not per request (jib makes a transport per request); a stale pooled connection
 * surfaces as an I/O error that {@link Retries} repeats. Settings otherwise follow
 * google-http-client's defaults: system proxies, no redirect handling (google-http-client
 * follows redirects itself), no automatic retries.
 */
final class HttpTransports {
  private static final int MAX_CONNECTIONS = 200;
  private static final int MAX_CONNECTIONS_PER_ROUTE = 20;

  private HttpTransports() {}

  /**
   * HTTPS (and plain HTTP only to reach a proxy) trusting what {@code trustManager} trusts (the
   * system trust store plus one registry's own CAs, see {@link RegistryTrust}), host names
   * checked.
   */
  static HttpTransport secure(NamingTrustManager trustManager) {
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime cannot set up TLS", e);
    }
    HttpClientBuilder builder =
        defaults()
            .setSSLSocketFactory(
                new SSLConnectionSocketFactory(
                    context, SSLConnectionSocketFactory.getDefaultHostnameVerifier()))
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_ROUTE);
    return new ApacheHttpTransport(builder.build());
  }

  /**
   * Plain HTTP only. No TLS machinery is set up, which saves a cold start the cost of loading
   * the trust store when every registry of a build is local.
   */
  static HttpTransport plain() {
    PoolingHttpClientConnectionManager connections =
        new PoolingHttpClientConnectionManager(
            RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .build());
    connections.setMaxTotal(MAX_CONNECTIONS);
    connections.setDefaultMaxPerRoute(MAX_CONNECTIONS_PER_ROUTE);
    return new ApacheHttpTransport(defaults().setConnectionManager(connections).build());
  }

  private static HttpClientBuilder defaults() {
    return HttpClientBuilder.create()
        .useSystemProperties()
        .setConnectionTimeToLive(-1, TimeUnit.MILLISECONDS)
        .setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()))
        .disableRedirectHandling()
        .disableAutomaticRetries();
  }
}
