package dev.jbuild.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Repeats a registry call that failed transiently (see {@link Failures#isTransient}) a bounded
 * number of times with exponential backoff and jitter, honouring a short {@code Retry-After}.
 * Only idempotent calls are given to it; a blob upload counts, since a retry starts a new upload
 * session. Immutable and thread-safe.
 */
final class Retries {
  private static final Duration MAXIMUM_RETRY_AFTER = Duration.ofSeconds(10);

  private final int maximumRetries;
  private final Duration initialDelay;
  private final Consumer<String> log;

  Retries(int maximumRetries, Duration initialDelay, Consumer<String> log) {
    this.maximumRetries = maximumRetries;
    this.initialDelay = initialDelay;
    this.log = log;
  }

  /** Three retries after 0.25, 0.5 and 1 s (each ±25 %). */
  static Retries standard(Consumer<String> log) {
    return new Retries(3, Duration.ofMillis(250), log);
  }

  <T> T run(String what, RegistryCall<T> call)
      throws IOException, com.google.cloud.tools.jib.api.RegistryException {
    for (int retry = 0; ; retry++) {
      try {
        return call.call();
      } catch (IOException | com.google.cloud.tools.jib.api.RegistryException e) {
        if (retry >= maximumRetries || !Failures.isTransient(e)) {
          throw e;
        }
        Duration delay = delayBefore(retry, e);
        log.accept(what + " failed (" + Failures.rootMessage(e) + "); retry " + (retry + 1) + " of "
            + maximumRetries + " in " + delay.toMillis() + " ms");
        sleep(delay);
      }
    }
  }

  private Duration delayBefore(int retry, Exception failure) {
    Duration retryAfter = retryAfter(failure);
    if (retryAfter != null) {
      return retryAfter;
    }
    long base = initialDelay.toMillis() << retry;
    long jitter = ThreadLocalRandom.current().nextLong(-base / 4, base / 4 + 1);
    return Duration.ofMillis(base + jitter);
  }

  /** A {@code Retry-After: <seconds>} of at most ten seconds; longer waits are not ours to make. */
  private static Duration retryAfter(Exception failure) {
    return Failures.response(failure)
        .map(response -> response.getHeaders().getFirstHeaderStringValue("Retry-After"))
        .flatMap(value -> {
          try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
          } catch (NumberFormatException httpDate) {
            return java.util.Optional.empty();
          }
        })
        .filter(delay -> !delay.isNegative() && delay.compareTo(MAXIMUM_RETRY_AFTER) <= 0)
        .orElse(null);
  }

  private static void sleep(Duration delay) throws IOException {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
