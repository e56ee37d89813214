package org.sealpost.testing;

import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.sealpost.smtp.client.ClientOptions;
import org.sealpost.smtp.client.SmtpClient;

/** Our own client, set up the way the peer's tests drive it. */
final class PeerClients {

  /** Every peer test listens here, on a free port. */
  static final String ADDRESS = "127.0.0.61";

  /** The MX name the tests connect to (SNI, certificate names). */
  static final String MX = "mx1.dest.test";

  private PeerClients() {}

  static ClientOptions options() {
    return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(5));
  }

  static SmtpClient connect(FakeSmtpPeer peer) throws IOException {
    return SmtpClient.connect(peer.address(), options());
  }

  /** Connects, sends EHLO, and completes STARTTLS trusting {@code context}. */
  static SmtpClient connectTls(FakeSmtpPeer peer, SSLContext context) throws IOException {
    SmtpClient client = connect(peer);
    client.ehlo("client.src.test");
    client.startTls(context, parameters(context), MX);
    client.ehlo("client.src.test");
    return client;
  }

  /**
   * The context's defaults: PKIX chain validation by the trust manager, no host-name check (the
   * tests look at the certificate's names themselves, as RT-22 code will).
   */
  static SSLParameters parameters(SSLContext context) {
    return context.getDefaultSSLParameters();
  }
}
