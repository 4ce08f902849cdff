package dev.jbuild.testdata;

import java.nio.file.Path;

/**
 * The settings of one {@code docker-registry} process and the YAML the registry reads them from.
 * One place builds the YAML so that later options (htpasswd auth, TLS) are one field and one
 * section each.
 */
record LocalRegistryConfig(String bindHost, int port, Path storageDirectory) {

  /** The {@code host:port} the registry listens on, IPv6 hosts in brackets. */
  String address() {
    return (bindHost.contains(":") ? "[" + bindHost + "]" : bindHost) + ":" + port;
  }

  String toYaml() {
    // Values are quoted so that paths and IPv6 addresses survive YAML's plain-scalar rules.
    return String.join(
        "\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + quoted(storageDirectory.toString()),
        "  delete:",
        "    enabled: true",
        "  maintenance:",
        "    uploadpurging:",
        "      enabled: false",
        "http:",
        "  addr: " + quoted(address()),
        "");
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
