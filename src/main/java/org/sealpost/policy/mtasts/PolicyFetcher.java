package org.sealpost.policy.mtasts;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.Resolver;
import org.sealpost.mail.Domain;
import org.sealpost.policy.mtasts.FetchOutcome.FailureType;
import org.sealpost.tls.HostnameMatcher;
import org.sealpost.tls.TrustStores;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 §3.2, STS-2) with a
 * hand-written HTTP/1.1 GET on an {@link SSLSocket}, so that the address comes from Sealpost's own
 * resolver (A, then AAAA of the policy host) and the port can be moved for tests.
 *
 * <p>RFC 8461 §3.3 (STS-4): the certificate must chain to a trusted root, be unexpired and carry a
 * DNS-ID for {@code mta-sts.<domain>} (no CN fallback); only 200 counts, redirects are not followed,
 * no HTTP cache is used; {@code text/plain} is required (§3.2); the body and the whole fetch are
 * limited (64 KiB and 60 s by default). SNI names the policy host (§7.1, STS-12). The handshake
 * accepts any certificate and the chain is judged before a byte of the request is sent, so a
 * certificate failure is told apart from a broken connection ({@code sts-webpki-invalid} versus
 * {@code sts-policy-fetch-error}).
 */
final class PolicyFetcher {

  static final String PATH = "/.well-known/mta-sts.txt";

  private final Resolver dns;
  private final SSLContext context;
  private final X509TrustManager pkix;
  private final FetchLimits limits;

  PolicyFetcher(Resolver dns, SSLContext context, X509TrustManager pkix, FetchLimits limits) {
    this.dns = dns;
    this.context = context;
    this.pkix = pkix;
    this.limits = limits;
  }

  /** The port, time and size limits of a fetch. */
  record FetchLimits(int port, Duration timeout, int maxBody) {}

  /**
   * A fetcher trusting the PEM certificates in {@code caFile}, or the JDK's trust store when it is
   * null ({@code [mta_sts] ca_file}).
   */
  static PolicyFetcher create(Resolver dns, @Nullable Path caFile, FetchLimits limits) throws IOException {
    try {
      X509TrustManager pkix = TrustStores.pkix(caFile, "mta_sts.ca_file");
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new JudgedAfterHandshake()}, null);
      return new PolicyFetcher(dns, context, pkix, limits);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS for MTA-STS fetches: " + e.getMessage(), e);
    }
  }

  /** Fetches and parses the policy of {@code policyDomain}. Never throws for network trouble. */
  FetchOutcome fetch(Domain policyDomain) {
    Domain host = Domain.of("mta-sts." + policyDomain.name());
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    List<InetAddress> addresses = new ArrayList<>();
    DnsResult<InetAddress> a = dns.a(host);
    DnsResult<InetAddress> aaaa = dns.aaaa(host);
    addresses.addAll(a.records());
    addresses.addAll(aaaa.records());
    if (addresses.isEmpty()) {
      return failed(FailureType.FETCH_ERROR, host + " has no address (A " + a.status() + ", AAAA "
          + aaaa.status() + ")");
    }
    String lastError = "";
    for (InetAddress address : addresses) {
      // Wall-clock deadline on purpose: it bounds real network waits, not policy time.
      long left = remainingMillis(deadline);
      if (left <= 0) {
        break;
      }
      Socket tcp = new Socket();
      try {
        tcp.connect(new InetSocketAddress(address, limits.port()), (int) left);
      } catch (IOException e) {
        closeQuietly(tcp);
        lastError = "connect to " + address.getHostAddress() + ":" + limits.port() + ": " + e.getMessage();
        continue; // the next address may answer
      }
      try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
          .createSocket(tcp, host.name(), limits.port(), true)) {
        return exchange(tls, host, deadline);
      } catch (SocketTimeoutException e) {
        return failed(FailureType.FETCH_ERROR, "no complete answer from " + host + " within "
            + limits.timeout().toSeconds() + "s");
      } catch (IOException e) {
        return failed(FailureType.FETCH_ERROR, "HTTPS to " + host + " [" + address.getHostAddress()
            + "]: " + e.getMessage());
      }
    }
    return failed(FailureType.FETCH_ERROR, lastError.isEmpty()
        ? "no answer from " + host + " within " + limits.timeout().toSeconds() + "s"
        : lastError);
  }

  private FetchOutcome exchange(SSLSocket tls, Domain host, long deadline) throws IOException {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"}); // RFC 8461 §7.1: TLS 1.2 or later
    p.setServerNames(List.of(new SNIHostName(host.name())));
    tls.setSSLParameters(p);
    tls.setSoTimeout((int) Math.max(1, remainingMillis(deadline)));
    tls.startHandshake();
    X509Certificate[] chain = (X509Certificate[]) tls.getSession().getPeerCertificates();
    try {
      pkix.checkServerTrusted(chain, "UNKNOWN");
    } catch (CertificateException | IllegalArgumentException e) {
      return failed(FailureType.WEBPKI_INVALID, "certificate of " + host + " not valid: " + e.getMessage());
    }
    if (!HostnameMatcher.matchesDnsId(chain[0], host)) {
      return failed(FailureType.WEBPKI_INVALID, "certificate has no DNS-ID for " + host);
    }
    OutputStream out = tls.getOutputStream();
    out.write(("GET " + PATH + " HTTP/1.1\r\nHost: " + host.name() + "\r\n"
        + "Accept: text/plain\r\nCache-Control: no-cache\r\nUser-Agent: sealpost\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = new BufferedInputStream(new DeadlineInputStream(tls, deadline));
    return switch (HttpResponseReader.read(in, limits.maxBody())) {
      case HttpResponseReader.OtherStatus s when s.code() / 100 == 3 -> failed(FailureType.FETCH_ERROR,
          "HTTP " + s.code() + " redirect" + (s.location() == null ? "" : " to " + s.location())
              + " not followed (RFC 8461 §3.3)");
      case HttpResponseReader.OtherStatus s -> failed(FailureType.FETCH_ERROR, "HTTP " + s.code());
      case HttpResponseReader.TooLarge t -> failed(FailureType.FETCH_ERROR,
          "policy larger than " + t.limit() + " bytes");
      case HttpResponseReader.Malformed m -> failed(FailureType.FETCH_ERROR, "bad HTTP response: " + m.reason());
      case HttpResponseReader.Ok ok -> policy(ok);
    };
  }

  private static FetchOutcome policy(HttpResponseReader.Ok ok) {
    String mediaType = ok.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("text/plain")) {
      return failed(FailureType.POLICY_INVALID, "Content-Type \"" + ok.contentType()
          + "\" is not text/plain (RFC 8461 §3.2)");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(ok.body()))
          .toString();
    } catch (CharacterCodingException e) {
      return failed(FailureType.POLICY_INVALID, "policy is not UTF-8 text");
    }
    return switch (PolicyText.parse(text)) {
      case PolicyText.Parsed parsed -> new FetchOutcome.Fetched(parsed.policy());
      case PolicyText.Invalid invalid -> failed(FailureType.POLICY_INVALID, invalid.reason());
    };
  }

  private static FetchOutcome failed(FailureType type, String reason) {
    return new FetchOutcome.Failed(type, reason);
  }

  private static long remainingMillis(long deadline) {
    return Duration.ofNanos(deadline - System.nanoTime()).toMillis();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Nothing was sent on it.
    }
  }

  /** Lets the handshake finish; {@link #exchange} judges the chain before sending the request. */
  private static final class JudgedAfterHandshake implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Re-arms the socket timeout before every read, so a slow drip cannot outlast the deadline. */
  private static final class DeadlineInputStream extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long deadline;

    DeadlineInputStream(Socket socket, long deadline) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadline = deadline;
    }

    private void arm() throws IOException {
      long left = remainingMillis(deadline);
      if (left <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int read() throws IOException {
      arm();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return in.read(b, off, len);
    }
  }
}
