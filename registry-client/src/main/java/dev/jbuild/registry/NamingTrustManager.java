package dev.jbuild.registry;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The system's trust manager, optionally with a registry's own CAs added, except that a rejected
 * server certificate fails with a message naming the issuer that is not trusted and where its CA
 * goes, so that the user learns which CA to add. Thread-safe.
 */
final class NamingTrustManager extends X509ExtendedTrustManager {
  /** Starts the message of the {@link CertificateException}s this class throws. */
  static final String UNTRUSTED_ISSUER = "no trusted CA for certificate issuer ";

  private static X509ExtendedTrustManager system;

  private final X509ExtendedTrustManager delegate;
  /** What to tell the user beyond the issuer's name: what is trusted, where a CA goes. */
  private final String advice;

  private NamingTrustManager(X509ExtendedTrustManager delegate, String advice) {
    this.delegate = delegate;
    this.advice = advice;
  }

  /** The system trust store; {@code advice} (may be empty) follows the issuer in messages. */
  static NamingTrustManager systemDefault(String advice) throws GeneralSecurityException {
    return new NamingTrustManager(system(), advice);
  }

  /** The system's trust manager, loaded once (reading the trust store costs ~100 ms). */
  private static synchronized X509ExtendedTrustManager system() throws GeneralSecurityException {
    if (system == null) {
      system = x509Of(trustManagerFactory(null));
    }
    return system;
  }

  /**
   * The system trust store plus {@code additionalCas} (read from {@code caFiles}), for one
   * registry.
   */
  static NamingTrustManager withAdditionalCas(
      List<X509Certificate> additionalCas, List<Path> caFiles, String howToTrust)
      throws GeneralSecurityException, IOException {
    if (additionalCas.isEmpty()) {
      return systemDefault(howToTrust);
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    int alias = 0;
    for (X509Certificate systemCa : system().getAcceptedIssuers()) {
      trusted.setCertificateEntry("system-" + alias++, systemCa);
    }
    for (X509Certificate own : additionalCas) {
      trusted.setCertificateEntry("registry-" + alias++, own);
    }
    String files = caFiles.stream().map(Path::toString).collect(Collectors.joining(", "));
    return new NamingTrustManager(x509Of(trustManagerFactory(trusted)),
        "neither the system CAs nor " + files + " signed it; " + howToTrust);
  }

  private static TrustManagerFactory trustManagerFactory(KeyStore trusted)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory;
  }

  private static X509ExtendedTrustManager x509Of(TrustManagerFactory factory)
      throws GeneralSecurityException {
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the TrustManagerFactory has no X509 trust manager");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      throw untrusted(chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      throw untrusted(chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      delegate.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      throw untrusted(chain, e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  private CertificateException untrusted(X509Certificate[] chain, CertificateException e) {
    if (chain == null || chain.length == 0) {
      return e;
    }
    // The top of the chain the server sent is signed by the CA the user has to trust.
    String issuer = chain[chain.length - 1].getIssuerX500Principal().getName();
    return new CertificateException(
        UNTRUSTED_ISSUER + "\"" + issuer + "\"" + (advice.isEmpty() ? "" : "; " + advice), e);
  }
}
