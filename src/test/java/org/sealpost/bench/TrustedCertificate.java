package org.sealpost.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client TLS setup: trust exactly the PEM certificates of one file (the bench's self-made
 * server certificate), as an SSLContext shared by every connection, so that TLS session
 * resumption works the way it would for any client that reuses its context.
 */
final class TrustedCertificate {

  private TrustedCertificate() {}

  static SSLContext context(Path pem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("bench-" + i++, c);
      }
      if (i == 0) {
        throw new GeneralSecurityException("no certificate in " + pem);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** Default protocols and suites; the certificate is pinned by the trust store, not the name. */
  static SSLParameters parameters(SSLContext context) {
    return context.getDefaultSSLParameters();
  }
}
