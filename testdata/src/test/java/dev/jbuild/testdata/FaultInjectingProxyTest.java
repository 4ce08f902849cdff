package dev.jbuild.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jbuild.testdata.FaultInjectingProxy.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FaultInjectingProxyTest {
  @AutoClose static final LocalRegistry REGISTRY = LocalRegistry.start();

  @Test
  void get_plannedFaults_resetThenAnswer503ThenPassThrough() throws Exception {
    try (FaultInjectingProxy proxy = FaultInjectingProxy.inFrontOf(REGISTRY,
        List.of(Fault.RESET, Fault.SERVICE_UNAVAILABLE))) {

      assertThatThrownBy(() -> statusLine(proxy, "/v2/")).isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
      assertThat(statusLine(proxy, "/v2/")).isEqualTo("HTTP/1.1 503 Service Unavailable");
      assertThat(statusLine(proxy, "/v2/")).isEqualTo("HTTP/1.1 200 OK");
      assertThat(proxy.injectedFaults()).containsExactly("RESET GET /v2/", "SERVICE_UNAVAILABLE GET /v2/");
      assertThat(proxy.requests()).containsExactly("GET /v2/", "GET /v2/", "GET /v2/");
    }
  }

  /** One GET on its own connection (no client retries), returning the status line. */
  private static String statusLine(FaultInjectingProxy proxy, String path) throws IOException {
    String[] hostAndPort = proxy.address().split(":");
    try (Socket socket = new Socket(hostAndPort[0], Integer.parseInt(hostAndPort[1]))) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + proxy.address() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return answer.lines().findFirst().orElse("");
    }
  }
}
