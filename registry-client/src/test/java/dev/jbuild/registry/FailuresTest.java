package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.conn.ConnectTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void isTransient_retryableStatus_isTrue(int status) {
    assertThat(Failures.isTransient(wrapped(response(status)))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 409, 415})
  void isTransient_clientErrorStatus_isFalse(int status) {
    assertThat(Failures.isTransient(wrapped(response(status)))).isFalse();
  }

  @Test
  void isTransient_failureAfterConnecting_isTrue() {
    assertThat(Failures.isTransient(new SocketException("Connection reset"))).isTrue();
    assertThat(Failures.isTransient(new NoHttpResponseException("127.0.0.1:5000 failed to respond"))).isTrue();
    assertThat(Failures.isTransient(new SocketTimeoutException("Read timed out"))).isTrue();
  }

  @Test
  void isTransient_noConnectionOrTls_isFalse() {
    assertThat(Failures.isTransient(new ConnectException("Connection refused"))).isFalse();
    assertThat(Failures.isTransient(new UnknownHostException("registry.invalid"))).isFalse();
    assertThat(Failures.isTransient(new ConnectTimeoutException("connect timed out"))).isFalse();
    assertThat(Failures.isTransient(new SSLHandshakeException("PKIX path building failed"))).isFalse();
  }

  @Test
  void unreachableReason_wrappedCause_namesIt() {
    assertThat(Failures.unreachableReason(wrapped(new UnknownHostException("x")))).hasValue("unknown host");
    assertThat(Failures.unreachableReason(wrapped(new ConnectException("Connection refused"))))
        .hasValue("connection refused");
    assertThat(Failures.unreachableReason(wrapped(new ConnectTimeoutException("connect timed out"))))
        .hasValue("connection timed out");
    assertThat(Failures.unreachableReason(new SocketException("Connection reset"))).isEmpty();
  }

  @Test
  void httpStatus_deepInCauses_isFound() {
    assertThat(Failures.httpStatus(wrapped(response(503)))).hasValue(503);
    assertThat(Failures.httpStatus(new IOException("plain"))).isEmpty();
  }

  private static HttpResponseException response(int status) {
    return new HttpResponseException.Builder(status, "status " + status, new HttpHeaders()).build();
  }

  private static Exception wrapped(Throwable cause) {
    return new com.google.cloud.tools.jib.api.RegistryException(new IOException(cause));
  }
}
