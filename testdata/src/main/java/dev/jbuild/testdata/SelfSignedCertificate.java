package dev.jbuild.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate and its private key as PEM files, made with the JDK's keytool (no
 * openssl needed), for TLS registries in tests. The certificate is its own CA: trust it to trust
 * the registry.
 *
 * @param certificate PEM file of the certificate
 * @param privateKey PEM file of the unencrypted PKCS#8 private key
 */
public record SelfSignedCertificate(Path certificate, Path privateKey, X509Certificate x509) {
  private static final String PASSWORD = "jbuild-test";

  /**
   * @param subjectAlternativeNames keytool syntax, e.g. {@code ip:127.0.0.1}, {@code dns:localhost}
   */
  public static SelfSignedCertificate create(
      Path directory, String commonName, List<String> subjectAlternativeNames) {
    try {
      Files.createDirectories(directory);
      Path keyStore = directory.resolve("keystore.p12");
      Files.deleteIfExists(keyStore);
      runKeytool(List.of(
          "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048",
          "-dname", "CN=" + commonName, "-validity", "2",
          "-ext", "san=" + String.join(",", subjectAlternativeNames), "-ext", "bc:c",
          "-keystore", keyStore.toString(), "-storetype", "PKCS12",
          "-storepass", PASSWORD, "-keypass", PASSWORD));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore)) {
        store.load(in, PASSWORD.toCharArray());
      }
      X509Certificate certificate = (X509Certificate) store.getCertificate("registry");
      Key key = store.getKey("registry", PASSWORD.toCharArray());
      Path certificateFile = directory.resolve("certificate.pem");
      Path keyFile = directory.resolve("key.pem");
      Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
      return new SelfSignedCertificate(certificateFile, keyFile, certificate);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a test certificate in " + directory, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the keystore keytool made", e);
    }
  }

  /** An SSL context that trusts this certificate (and nothing else). */
  public SSLContext trustingSslContext() {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("registry", x509);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build an SSL context trusting " + certificate, e);
    }
  }

  private static void runKeytool(List<String> arguments) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
