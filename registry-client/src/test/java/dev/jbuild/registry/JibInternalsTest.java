package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import org.junit.jupiter.api.Test;

/** Fails first when a jib-core upgrade moves the internals {@link JibInternals} reaches. */
class JibInternalsTest {

  @Test
  void newHttpClient_pinnedJib_createsAClient() throws Exception {
    FailoverHttpClient client = JibInternals.newHttpClient(true, true, event -> {}, HttpTransports::plain);

    assertThat(client).isNotNull();
    client.shutDown();
  }

  @Test
  void authorizationOf_beforeAndAfterBasicAuth_readsJibsAuthorization() {
    RegistryClient client = RegistryClient.factory(EventHandlers.NONE, "registry.example", "app",
            new FailoverHttpClient(false, false, event -> {}))
        .setCredential(Credential.from("user", "password"))
        .newRegistryClient();
    assertThat(JibInternals.authorizationOf(client)).isNull();

    client.configureBasicAuth();

    assertThat(JibInternals.authorizationOf(client).getScheme()).isEqualTo("Basic");
  }
}
