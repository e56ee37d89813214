package org.sealpost.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The PKIX trust that outbound TLS clients check servers against: the JDK's trust store, or the CA
 * certificates of a configured PEM file ({@code delivery.ca_file}, {@code mta_sts.ca_file},
 * {@code tlsrpt.ca_file}). One way to read them for every client.
 */
public final class TrustStores {

  private TrustStores() {}

  /**
   * A PKIX trust manager for the certificates in {@code caFile}, or the JDK's default trust store
   * when it is null.
   *
   * @param key the config key that named the file, for the error message
   */
  public static X509TrustManager pkix(@Nullable Path caFile, String key) throws IOException {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(caFile == null ? null : fromPem(caFile, key));
      return Arrays.stream(tmf.getTrustManagers())
          .filter(t -> t instanceof X509TrustManager)
          .map(t -> (X509TrustManager) t)
          .findFirst()
          .orElseThrow(() -> new GeneralSecurityException("no X509TrustManager"));
    } catch (GeneralSecurityException e) {
      throw new IOException(key + " " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore fromPem(Path caFile, String key) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw new IOException(key + " " + caFile + ": no certificate found");
      }
    }
    return ks;
  }
}
