package org.sealpost.testing;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.sealpost.tls.KeyMaterial;

/**
 * The server side of the peer's TLS handshake. Deliberately not {@code org.sealpost.tls.ServerTls}:
 * the peer must present whatever it is given (expired, self-signed, wrong name) and offer what a
 * broken server offers, which production code rightly refuses to do.
 */
final class PeerTls {

  /** Anonymous (no certificate) suite: supported by JSSE but disabled in java.security. */
  static final String ANONYMOUS_SUITE = "TLS_ECDH_anon_WITH_AES_128_CBC_SHA";

  private static final char[] PASSWORD = "peer".toCharArray();
  private static final Map<KeyMaterial, SSLContext> CONTEXTS = new ConcurrentHashMap<>();

  private PeerTls() {}

  /**
   * Wraps the connected socket as the TLS server and completes the handshake.
   *
   * @throws IOException when the handshake fails; the socket is then unusable
   */
  static SSLSocket accept(Socket plain, KeyMaterial material, StartTlsBehaviour behaviour)
      throws IOException {
    SSLSocket ssl = (SSLSocket) context(material).getSocketFactory().createSocket(
        plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    ssl.setUseClientMode(false);
    switch (behaviour) {
      case TLS_1_0_ONLY -> ssl.setEnabledProtocols(new String[] {"TLSv1"});
      case NO_SHARED_CIPHER -> {
        ssl.setEnabledProtocols(new String[] {"TLSv1.2"});
        ssl.setEnabledCipherSuites(new String[] {ANONYMOUS_SUITE});
      }
      default -> { }
    }
    ssl.startHandshake();
    return ssl;
  }

  static TlsSeen seen(SSLSession session) {
    Optional<String> sni = Optional.empty();
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          sni = Optional.of(host.getAsciiName());
        }
      }
    }
    return new TlsSeen(session.getProtocol(), session.getCipherSuite(), sni);
  }

  /**
   * One context per key: the "SunX509" key manager hands out the chain whatever its dates or
   * names, where the default PKIX one would judge them.
   */
  private static SSLContext context(KeyMaterial material) {
    return CONTEXTS.computeIfAbsent(material, m -> {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("peer", m.privateKey(), PASSWORD,
            m.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("cannot build the peer's TLS context", e);
      }
    });
  }
}
