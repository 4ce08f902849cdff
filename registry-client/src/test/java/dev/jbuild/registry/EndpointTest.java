package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void apiHost_dockerHub_isRegistry1() throws Exception {
    Endpoint hub = new Endpoint("docker.io", false);

    assertThat(hub.apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(hub.address()).isEqualTo("registry-1.docker.io:443");
    assertThat(hub.url("library/busybox", "/manifests/latest"))
        .hasToString("https://registry-1.docker.io/v2/library/busybox/manifests/latest");
  }

  @Test
  void address_plainHttpWithoutPort_namesPort80() throws Exception {
    Endpoint local = new Endpoint("localhost", true);

    assertThat(local.address()).isEqualTo("localhost:80");
    assertThat(local.url("app", "/blobs/x")).hasToString("http://localhost/v2/app/blobs/x");
    assertThat(new Endpoint("[::1]:5000", true).address()).isEqualTo("[::1]:5000");
  }
}
