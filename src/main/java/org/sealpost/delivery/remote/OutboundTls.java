package org.sealpost.delivery.remote;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.sealpost.tls.TrustStores;
import org.sealpost.policy.dane.DaneVerdict;
import org.sealpost.policy.dane.DaneVerifier;

/**
 * Client-side TLS for delivery. The handshake itself accepts any certificate, and the chain is
 * verified afterwards ({@link #verify}): opportunistic delivery can then still encrypt when a
 * certificate does not verify, while policy decides whether an unverified session may carry the
 * message. TLS 1.2 is the minimum (RT-24).
 */
public final class OutboundTls {

  private final SSLContext context;
  private final X509TrustManager pkix;
  private final DaneVerifier dane = new DaneVerifier(Clock.systemUTC());
  private final AcceptForLaterCheck accepting;

  private OutboundTls(SSLContext context, X509TrustManager pkix, AcceptForLaterCheck accepting) {
    this.context = context;
    this.pkix = pkix;
    this.accepting = accepting;
  }

  /**
   * @param caFile PEM certificates to trust; null for the JDK's default trust store
   */
  public static OutboundTls create(@Nullable Path caFile) throws IOException {
    try {
      X509TrustManager pkix = TrustStores.pkix(caFile, "delivery.ca_file");
      SSLContext context = SSLContext.getInstance("TLS");
      AcceptForLaterCheck accepting = new AcceptForLaterCheck();
      // One context for all deliveries: its client session cache lets a new connection to a host
      // resume the last session with it (a TLS 1.3 ticket) instead of a full handshake.
      context.init(null, new TrustManager[] {accepting}, null);
      return new OutboundTls(context, pkix, accepting);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up outbound TLS: " + e.getMessage(), e);
    }
  }

  SSLContext context() {
    return context;
  }

  SSLParameters parameters() {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    return p;
  }

  /** PKIX validation of a server chain; returns "" when it verifies, else the reason. */
  String verify(X509Certificate[] chain) {
    try {
      pkix.checkServerTrusted(chain, "UNKNOWN");
      return "";
    } catch (CertificateException | IllegalArgumentException e) {
      return String.valueOf(e.getMessage());
    }
  }

  /** DANE authentication of a server chain against the host's usable TLSA records (RFC 7672 §3). */
  DaneVerdict verifyDane(List<X509Certificate> chain, HostPolicy.DaneCheck check) {
    return dane.verify(chain, check.usable().records(), check.names());
  }

  /** Handshakes that carried a certificate, i.e. were not resumed; for tests. */
  long fullHandshakes() {
    return accepting.seen.get();
  }

  /**
   * Lets the handshake finish whatever the certificate; {@link #verify} judges it after. Extended,
   * so JSSE does not wrap it in its own extra checks (which would cost a second validation pass).
   * A resumed TLS 1.3 session (RFC 8446 §2.2) sends no certificate, so this is not called then,
   * and the session keeps the chain of its first handshake for {@link #verify}.
   */
  private static final class AcceptForLaterCheck extends X509ExtendedTrustManager {
    final AtomicLong seen = new AtomicLong();

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      seen.incrementAndGet();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      seen.incrementAndGet();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      seen.incrementAndGet();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
