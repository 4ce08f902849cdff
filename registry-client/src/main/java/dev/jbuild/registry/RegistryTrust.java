package dev.jbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which CAs a registry's certificate may chain to: the system's trust store, plus, for that
 * registry only, the PEM files given with {@code --registry-ca} and the {@code *.crt} files of
 * docker's {@code certs.d/<host[:port]>/} directory (docker's rule: {@code ca.crt} and any other
 * {@code *.crt} there are CAs; {@code *.cert}/{@code *.key} client certificates are not read).
 * Files are read when the registry is first called. Immutable and thread-safe.
 */
final class RegistryTrust {
  private final RegistrySettings settings;

  RegistryTrust(RegistrySettings settings) {
    this.settings = settings;
  }

  /** The certificate directory docker reads for {@code authority} ({@code host[:port]}). */
  Path certsDirectoryOf(String authority) {
    return settings.certsDirectory().resolve(authority);
  }

  /** The flag and directory a user adds a CA for {@code authority} with, for messages. */
  String howToTrust(String authority) {
    return "give its CA with --registry-ca " + authority + "=CA.pem or put it in "
        + certsDirectoryOf(authority).resolve("ca.crt");
  }

  /**
   * The CA files trusted for the registry answering at {@code authority} besides the system's:
   * the {@code --registry-ca} files of any registry name reaching it, those trusted for every
   * registry, then {@code certs.d}'s.
   */
  List<Path> caFiles(String authority) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, List<Path>> entry : settings.registryCas().entrySet()) {
      String registry = entry.getKey();
      if (registry.equals(RegistrySettings.EVERY_REGISTRY) || registry.equals(authority)
          || new Endpoint(registry, false).apiHost().equals(authority)) {
        files.addAll(entry.getValue());
      }
    }
    Path directory = certsDirectoryOf(authority);
    if (Files.isDirectory(directory)) {
      try (DirectoryStream<Path> crtFiles = Files.newDirectoryStream(directory, "*.crt")) {
        List<Path> sorted = new ArrayList<>();
        crtFiles.forEach(sorted::add);
        sorted.sort(null);
        files.addAll(sorted);
      }
    }
    return List.copyOf(files);
  }

  /** The certificates of {@code files}, each holding one or more PEM (or DER) certificates. */
  static List<X509Certificate> readCertificates(List<Path> files) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Path file : files) {
      Collection<? extends Certificate> read;
      try (InputStream in = Files.newInputStream(file)) {
        read = CertificateFactory.getInstance("X.509").generateCertificates(in);
      } catch (NoSuchFileException e) {
        // No cause: messages are made from the innermost cause, which would lose the file name.
        throw new IOException("CA certificate file " + file + " does not exist");
      } catch (CertificateException e) {
        throw new IOException("CA certificate file " + file + " holds no readable PEM certificate: "
            + Failures.rootMessage(e));
      }
      if (read.isEmpty()) {
        throw new IOException("CA certificate file " + file + " holds no certificate");
      }
      for (Certificate certificate : read) {
        certificates.add((X509Certificate) certificate);
      }
    }
    return certificates;
  }

  /**
   * A trust manager for the registry at {@code authority}: the system's CAs plus its own, failing
   * with a message that names the untrusted issuer and where to put its CA.
   */
  NamingTrustManager trustManager(String authority, List<Path> caFiles)
      throws IOException, GeneralSecurityException {
    return NamingTrustManager.withAdditionalCas(
        readCertificates(caFiles), caFiles, howToTrust(authority));
  }
}
