package dev.jbuild.testdata;

import java.nio.file.Path;

/**
 * The settings of one {@code docker-registry} process and the YAML the registry reads them from.
 * One place builds the YAML so that each option (TLS now, htpasswd auth later) is one field and
 * one section.
 *
 * @param tls the certificate to serve HTTPS with, or null for plain HTTP
 */
record LocalRegistryConfig(
    String bindHost, int port, Path storageDirectory, SelfSignedCertificate tls) {

  /** The {@code host:port} the registry listens on, IPv6 hosts in brackets. */
  String address() {
    return (bindHost.contains(":") ? "[" + bindHost + "]" : bindHost) + ":" + port;
  }

  String scheme() {
    return tls == null ? "http" : "https";
  }

  String toYaml() {
    // Values are quoted so that paths and IPv6 addresses survive YAML's plain-scalar rules.
    String tlsSection = tls == null ? "" : String.join(
        "\n",
        "  tls:",
        "    certificate: " + quoted(tls.certificate().toString()),
        "    key: " + quoted(tls.privateKey().toString()),
        "");
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
        "") + tlsSection;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
