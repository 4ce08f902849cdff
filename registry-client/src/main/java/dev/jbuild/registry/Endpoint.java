package dev.jbuild.registry;

import com.google.cloud.tools.jib.registry.RegistryAliasGroup;
import java.net.MalformedURLException;
import java.net.URL;

/**
 * A registry as named in image references ({@code docker.io}, {@code 127.0.0.1:5000}) and how to
 * reach it: the API host ({@code registry-1.docker.io} for Docker Hub) and the scheme.
 */
record Endpoint(String registry, boolean plainHttp) {

  /** The host[:port] the distribution API answers on. */
  String apiHost() {
    return RegistryAliasGroup.getHost(registry);
  }

  /** {@code host:port} with the scheme's default port made explicit, for messages. */
  String address() {
    String host = apiHost();
    boolean hasPort = host.lastIndexOf(':') > host.lastIndexOf(']');
    return hasPort ? host : host + (plainHttp ? ":80" : ":443");
  }

  /** The URL of {@code /v2/<repository><path>}. */
  URL url(String repository, String path) throws MalformedURLException {
    return new URL((plainHttp ? "http" : "https") + "://" + apiHost() + "/v2/" + repository + path);
  }
}
