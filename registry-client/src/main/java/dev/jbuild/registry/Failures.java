package dev.jbuild.registry;

import com.google.api.client.http.HttpResponseException;
import com.google.cloud.tools.jib.http.ResponseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.http.conn.ConnectTimeoutException;

/** Static helpers that classify what went wrong in a registry call, by walking cause chains. */
final class Failures {
  private Failures() {}

  /** The HTTP status of the first HTTP error response in {@code failure}'s causes. */
  static Optional<Integer> httpStatus(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof ResponseException response) {
        return Optional.of(response.getStatusCode());
      }
      if (cause instanceof HttpResponseException response) {
        return Optional.of(response.getStatusCode());
      }
    }
    return Optional.empty();
  }

  /** The first HTTP error response in {@code failure}'s causes. */
  static Optional<ResponseException> response(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof ResponseException response) {
        return Optional.of(response);
      }
    }
    return Optional.empty();
  }

  /**
   * Why no connection could be made, in a few words ("connection refused"), or empty when a
   * connection was made.
   */
  static Optional<String> unreachableReason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof UnknownHostException) {
        return Optional.of("unknown host");
      }
      if (cause instanceof NoRouteToHostException) {
        return Optional.of("no route to host");
      }
      if (cause instanceof ConnectTimeoutException) {
        return Optional.of("connection timed out");
      }
      if (cause instanceof ConnectException || cause instanceof PortUnreachableException) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        return Optional.of(message.contains("timed out") ? "connection timed out" : "connection refused");
      }
    }
    return Optional.empty();
  }

  static Optional<SSLException> tls(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof SSLException ssl) {
        return Optional.of(ssl);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether repeating the same request may succeed: an answer of 408, 429 or 5xx, or an I/O
   * failure after the connection was made (reset, broken pipe, premature end, read timeout).
   * Refused connections, unknown hosts, TLS failures and every other HTTP status are final.
   */
  static boolean isTransient(Throwable failure) {
    Optional<Integer> status = httpStatus(failure);
    if (status.isPresent()) {
      int code = status.get();
      return code == 408 || code == 429 || code >= 500;
    }
    if (unreachableReason(failure).isPresent() || tls(failure).isPresent()) {
      return false;
    }
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message of {@code failure}'s causes, for "because" clauses. */
  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause.getMessage() != null) {
        root = cause;
      }
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }

  private static Throwable next(Throwable cause) {
    return cause.getCause() == cause ? null : cause.getCause();
  }
}
