package dev.jbuild.registry;

import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Static helpers that turn what jib and the network throw into our one-line {@link
 * RegistryException}s. The original failure stays the cause.
 */
final class RegistryErrors {
  private RegistryErrors() {}

  /**
   * @param attempted what was being done, e.g. "pull manifest of busybox:latest", used when the
   *     failure has no better name
   * @param notFound makes the exception for a 404, which only the caller can name (a manifest, a
   *     blob)
   */
  static RegistryException translate(
      Throwable failure,
      Endpoint endpoint,
      String attempted,
      Function<Throwable, RegistryException> notFound) {
    if (failure instanceof RegistryException ours) {
      return ours;
    }
    Optional<String> unreachable = Failures.unreachableReason(failure);
    if (unreachable.isPresent()) {
      return new RegistryUnreachableException(endpoint.address(), unreachable.get(), failure);
    }
    Optional<SSLException> tls = Failures.tls(failure);
    if (tls.isPresent()) {
      return new RegistryTlsException(endpoint.address(), tlsMessage(endpoint, tls.get()), failure);
    }
    Optional<Integer> status = Failures.httpStatus(failure);
    if (isUnauthorized(failure) || status.filter(code -> code == 401 || code == 403).isPresent()) {
      return new RegistryUnauthorizedException(endpoint.registry(), failure);
    }
    if (status.filter(code -> code == 404).isPresent()) {
      return notFound.apply(failure);
    }
    return new RegistryException(
        attempted + " at " + endpoint.address() + " failed: " + explanation(failure), failure);
  }

  /**
   * jib's own message when it has one (it lists the registry's error codes), else the innermost
   * message, prefixed with the HTTP status when there is one.
   */
  private static String explanation(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof com.google.cloud.tools.jib.api.RegistryException jib && jib.getMessage() != null) {
        return jib.getMessage().lines().findFirst().orElse("").strip();
      }
    }
    String rootMessage = Failures.rootMessage(failure);
    return Failures.httpStatus(failure)
        .filter(code -> !rootMessage.startsWith(String.valueOf(code)))
        .map(code -> "HTTP " + code + ": " + rootMessage)
        .orElse(rootMessage);
  }

  private static String tlsMessage(Endpoint endpoint, SSLException tls) {
    String address = endpoint.address();
    String plainHttpRule =
        "plain HTTP is allowed only for localhost, 127.0.0.0/8, ::1 and insecure registries";
    Optional<String> untrusted = messageInCauses(tls, NamingTrustManager.UNTRUSTED_ISSUER);
    if (untrusted.isPresent()) {
      return "TLS: cannot verify registry " + address + ": " + untrusted.get();
    }
    if (messageInCauses(tls, "Unsupported or unrecognized SSL message").isPresent()) {
      return "TLS: registry " + address + " answered HTTPS in plain HTTP; " + plainHttpRule
          + " (add " + endpoint.registry() + " to the insecure registries to allow it)";
    }
    if (messageInCauses(tls, "insecure HTTP connection not allowed").isPresent()) {
      return "TLS: registry " + address + " sent a plain http:// URL; " + plainHttpRule;
    }
    String detail = Failures.rootMessage(tls);
    if (tls instanceof SSLPeerUnverifiedException) {
      return "TLS: the certificate of registry " + address + " does not name it: " + detail;
    }
    return "TLS with registry " + address + " failed: " + detail;
  }

  /** The first message among {@code failure}'s causes that starts with {@code prefix}. */
  private static Optional<String> messageInCauses(Throwable failure, String prefix) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().startsWith(prefix)) {
        return Optional.of(cause.getMessage().lines().findFirst().orElse("").strip());
      }
    }
    return Optional.empty();
  }

  private static boolean isUnauthorized(Throwable failure) {
    return hasCause(failure, com.google.cloud.tools.jib.api.RegistryUnauthorizedException.class)
        || hasCause(failure, RegistryAuthenticationFailedException.class)
        || hasCause(failure, RegistryCredentialsNotSentException.class);
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
