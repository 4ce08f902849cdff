package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {
  private final RecordingLog log = new RecordingLog();
  private final Retries retries = new Retries(3, Duration.ZERO, log);
  private final AtomicInteger calls = new AtomicInteger();

  @Test
  void run_transientFailuresThenSuccess_returnsTheResult() throws Exception {
    String result = retries.run("GET x", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new SocketException("Connection reset");
      }
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
    assertThat(log.lines()).containsExactly(
        "GET x failed (Connection reset); retry 1 of 3 in 0 ms",
        "GET x failed (Connection reset); retry 2 of 3 in 0 ms");
  }

  @Test
  void run_alwaysTransient_givesUpAfterTheBound() {
    assertThatThrownBy(() -> retries.run("GET x", () -> {
      calls.incrementAndGet();
      throw new SocketException("Connection reset");
    })).isInstanceOf(SocketException.class);

    assertThat(calls).hasValue(4);
  }

  @Test
  void run_finalFailure_isNotRetried() {
    assertThatThrownBy(() -> retries.run("GET x", () -> {
      calls.incrementAndGet();
      throw new ConnectException("Connection refused");
    })).isInstanceOf(ConnectException.class);

    assertThat(calls).hasValue(1);
    assertThat(log.lines()).isEmpty();
  }
}
