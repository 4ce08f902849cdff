package dev.jbuild.testdata;

import java.nio.file.Path;

/**
 * The settings of one {@code docker-registry} process and the YAML the registry reads them from.
 * One place builds the YAML so that each option (TLS now, htpasswd auth later) is one field and
 * one section.
 *
 * @param tls the certificate to serve HTTPS with, or null for plain HTTP
 * @param htpasswdFile the bcrypt htpasswd file of basic auth, or null for no auth
 * @param accessLog whether the registry logs every request (in combined log format)
 */
record LocalRegistryConfig(
    String bindHost, int port, Path storageDirectory, SelfSignedCertificate tls, Path htpasswdFile,
    boolean accessLog) {

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
    String authSection = htpasswdFile == null ? "" : String.join(
        "\n",
        "auth:",
        "  htpasswd:",
        "    realm: jbuild-test",
        "    path: " + quoted(htpasswdFile.toString()),
        "");
    return authSection + String.join(
        "\n",
        "version: 0.1",
        "log:",
        "  level: " + (accessLog ? "info" : "warn"),
        "  accesslog:",
        "    disabled: " + !accessLog,
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
