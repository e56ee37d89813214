package org.sealpost.smtp.client;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.sealpost.mail.TlsFacts;

/**
 * What a STARTTLS handshake negotiated: protocol, cipher suite and the server's certificate chain
 * (leaf first), for policy checks (RT-22, DANE) and trace fields (EXT-7).
 */
public record TlsSessionInfo(
    String protocol, String cipherSuite, List<X509Certificate> peerCertificates) {

  public TlsSessionInfo {
    peerCertificates = List.copyOf(peerCertificates);
  }

  static TlsSessionInfo of(SSLSession session) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      for (Certificate c : session.getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
    } catch (SSLPeerUnverifiedException e) {
      // anonymous suites send no certificate: the chain stays empty
    }
    return new TlsSessionInfo(session.getProtocol(), session.getCipherSuite(), chain);
  }

  /** The facts kept with a message (protocol and cipher only). */
  public TlsFacts facts() {
    return new TlsFacts(protocol, cipherSuite);
  }
}
