package dev.jbuild.registry;

import com.google.api.client.http.HttpTransport;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.http.Authorization;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The two places where jib-core (0.27.3, pinned in the root pom) keeps something we need out of
 * its public API, reached by reflection so that the rest of the module uses jib as published:
 *
 * <ul>
 *   <li>{@link FailoverHttpClient}'s constructor taking the HTTP transports and a switch for its
 *       built-in retry. The public constructors retry every I/O failure up to ten times with
 *       exponential backoff (about a minute for a refused connection) and build a new transport
 *       per request; we retry ourselves, boundedly and only what is transient, and choose the
 *       transports (TLS trust, connection reuse).
 *   <li>{@link RegistryClient}'s current {@link Authorization}, which jib obtains from basic
 *       credentials or a bearer token. jib parses pulled manifests into its own templates and
 *       drops the bytes, so the manifest GET is ours and must carry the same authorization.
 * </ul>
 *
 * A jib upgrade that changes either fails loudly here (and in {@code JibInternalsTest}).
 */
final class JibInternals {
  private static final Constructor<FailoverHttpClient> HTTP_CLIENT_CONSTRUCTOR;
  private static final Field AUTHORIZATION;

  static {
    try {
      HTTP_CLIENT_CONSTRUCTOR =
          FailoverHttpClient.class.getDeclaredConstructor(
              boolean.class, boolean.class, Consumer.class, Supplier.class, Supplier.class,
              boolean.class);
      HTTP_CLIENT_CONSTRUCTOR.setAccessible(true);
      AUTHORIZATION = RegistryClient.class.getDeclaredField("authorization");
      AUTHORIZATION.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(
          "jib-core no longer has the internals jbuild relies on (see JibInternals): " + e);
    }
  }

  private JibInternals() {}

  /**
   * A jib HTTP client without jib's retries, using {@code transport} for every request.
   *
   * @param allowPlainHttp whether {@code http://} URLs may be called (HTTPS failures never fall
   *     back to them: callers give this client either only http or only https URLs)
   * @param sendAuthorizationOverHttp whether credentials go over plain HTTP (docker sends them to
   *     registries it may talk plain HTTP to)
   */
  static FailoverHttpClient newHttpClient(
      boolean allowPlainHttp,
      boolean sendAuthorizationOverHttp,
      Consumer<LogEvent> logger,
      Supplier<HttpTransport> transport) {
    try {
      return HTTP_CLIENT_CONSTRUCTOR.newInstance(
          allowPlainHttp, sendAuthorizationOverHttp, logger, transport, transport, false);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot create jib's FailoverHttpClient", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot create jib's FailoverHttpClient", e.getCause());
    }
  }

  /** The authorization {@code client} sends, or null before it has authenticated. */
  @SuppressWarnings("unchecked")
  static Authorization authorizationOf(RegistryClient client) {
    try {
      return ((AtomicReference<Authorization>) AUTHORIZATION.get(client)).get();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read jib's RegistryClient authorization", e);
    }
  }
}
