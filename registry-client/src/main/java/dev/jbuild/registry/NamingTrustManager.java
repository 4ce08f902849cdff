package dev.jbuild.registry;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The system's trust manager, except that a rejected server certificate fails with a message
 * naming the issuer that is not trusted, so that the user learns which CA to add. Thread-safe.
 */
final class NamingTrustManager extends X509ExtendedTrustManager {
  /** Starts the message of the {@link CertificateException}s this class throws. */
  static final String UNTRUSTED_ISSUER = "no trusted CA for certificate issuer ";

  private final X509ExtendedTrustManager delegate;

  private NamingTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  static NamingTrustManager systemDefault() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return new NamingTrustManager(x509);
      }
    }
    throw new GeneralSecurityException("the default TrustManagerFactory has no X509 trust manager");
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

  private static CertificateException untrusted(X509Certificate[] chain, CertificateException e) {
    if (chain == null || chain.length == 0) {
      return e;
    }
    // The top of the chain the server sent is signed by the CA the user has to trust.
    String issuer = chain[chain.length - 1].getIssuerX500Principal().getName();
    return new CertificateException(UNTRUSTED_ISSUER + "\"" + issuer + "\"", e);
  }
}
