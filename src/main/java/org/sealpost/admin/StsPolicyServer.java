package org.sealpost.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.MtaStsPolicyConfig;
import org.sealpost.config.SealpostConfig;
import org.sealpost.config.TlsConfig;
import org.sealpost.mail.Domain;
import org.sealpost.tls.HostnameMatcher;
import org.sealpost.tls.ServerTls;
import org.sealpost.tls.TlsMaterialException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the MTA-STS policy over HTTPS (RFC 8461 §3.3, STS-2, STS-4) with the JDK's
 * {@code HttpsServer}, one virtual thread per exchange. TLS comes from a {@link ServerTls}: its
 * key manager picks up renewed certificate files without a restart, and the listener offers the
 * same protocols and cipher suites as the SMTP listeners.
 *
 * <p>Headers: {@code Content-Type: text/plain} without parameters, since senders SHOULD check the
 * media type (STS-2) and the ASCII policy needs no charset; {@code Cache-Control: no-store}, because
 * senders must not use HTTP caching (STS-4) and a shared cache between us and them that kept an old
 * policy would have it stored under the new id. One log line per request.
 */
public final class StsPolicyServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StsPolicyServer.class);

  private final HttpsServer server;
  private final ExecutorService executor;
  private final StsPolicyResponder responder;
  private final @Nullable ServerTls ownTls;

  private StsPolicyServer(HttpsServer server, ExecutorService executor, StsPolicyResponder responder,
      @Nullable ServerTls ownTls) {
    this.server = server;
    this.executor = executor;
    this.responder = responder;
    this.ownTls = ownTls;
  }

  /**
   * Starts the listener {@code [mta_sts_policy]} describes: with its own certificate files when
   * {@code cert_file} is set (reloaded like the SMTP one), else with {@code smtpTls}.
   *
   * @param smtpTls the SMTP listeners' TLS; null only when {@code [tls]} is off, which the config
   *     loader allows only together with {@code cert_file}
   */
  public static StsPolicyServer start(SealpostConfig config, @Nullable ServerTls smtpTls,
      InstantSource clock) throws IOException, TlsMaterialException {
    MtaStsPolicyConfig p = config.mtaStsPolicy();
    TlsConfig own = p.ownTls(config.tls());
    ServerTls tls = own != null ? ServerTls.start(own, config.server(), clock) : smtpTls;
    if (tls == null) {
      throw new IllegalStateException("[mta_sts_policy] has no certificate and [tls] is off");
    }
    try {
      return start(p.listen(), tls, own != null, StsPolicyDocument.of(p), p.domains());
    } catch (IOException | RuntimeException e) {
      if (own != null) {
        tls.close();
      }
      throw e;
    }
  }

  /** Starts serving {@code document} for {@code domains} on {@code listen}; {@code tls} stays the caller's. */
  public static StsPolicyServer start(InetSocketAddress listen, ServerTls tls,
      StsPolicyDocument document, List<Domain> domains) throws IOException {
    return start(listen, tls, false, document, domains);
  }

  private static StsPolicyServer start(InetSocketAddress listen, ServerTls tls, boolean owned,
      StsPolicyDocument document, List<Domain> domains) throws IOException {
    StsPolicyResponder responder = new StsPolicyResponder(document, domains);
    HttpsServer https;
    try {
      https = HttpsServer.create(listen, 0);
    } catch (BindException e) {
      throw new IOException("mta_sts_policy.listen " + addressText(listen) + ": " + e.getMessage(), e);
    }
    https.setHttpsConfigurator(new HttpsConfigurator(tls.context()) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        p.setProtocols(tls.protocols().toArray(String[]::new));
        p.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        p.setNeedClientAuth(false);
        params.setSSLParameters(p);
      }
    });
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    https.setExecutor(executor);
    StsPolicyServer server = new StsPolicyServer(https, executor, responder, owned ? tls : null);
    https.createContext("/", server::handle);
    https.start();
    for (String host : responder.hosts()) {
      if (!HostnameMatcher.matchesDnsId(tls.material().leaf(), new Domain(host))) {
        // STS-4: senders check the DNS-ID; without it every fetch fails and the policy is ignored.
        log.warn("mta-sts: event=certificate-mismatch host={} subject=\"{}\" action=add-{}-to-the-certificate",
            host, tls.material().leaf().getSubjectX500Principal().getName(), host);
      }
    }
    log.info("mta-sts: event=listening address={} hosts={} id={}", addressText(https.getAddress()),
        String.join(",", responder.hosts().stream().sorted().toList()), document.id());
    return server;
  }

  /** Where the listener is bound (with the real port when port 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      @Nullable String host = exchange.getRequestHeaders().getFirst("Host");
      @Nullable String sni = exchange instanceof HttpsExchange h ? sni(h.getSSLSession()) : null;
      StsResponse response = responder.respond(method, path == null ? "" : path, host, sni);
      var headers = exchange.getResponseHeaders();
      headers.set("Content-Type", "text/plain");
      headers.set("Cache-Control", "no-store");
      if (response.status() == 405) {
        headers.set("Allow", "GET, HEAD");
      }
      boolean head = method.equals("HEAD");
      if (head) {
        headers.set("Content-Length", Integer.toString(response.body().length));
      }
      exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
      log.info("mta-sts: host={} path={} status={} method={} client={} sni={}", printable(host),
          printable(path), response.status(), printable(method),
          exchange.getRemoteAddress().getAddress().getHostAddress(), printable(sni));
    }
  }

  private static @Nullable String sni(SSLSession session) {
    if (session instanceof ExtendedSSLSession e) {
      for (SNIServerName name : e.getRequestedServerNames()) {
        if (name instanceof SNIHostName h) {
          return h.getAsciiName();
        }
      }
    }
    return null;
  }

  /** Peer-chosen text for a log line: no spaces or control characters, at most 100 characters. */
  static String printable(@Nullable String text) {
    if (text == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 100; i++) {
      char c = text.charAt(i);
      out.append(c > ' ' && c < 0x7f && c != '"' ? c : '?');
    }
    return out.isEmpty() ? "-" : out.toString();
  }

  private static String addressText(InetSocketAddress a) {
    String ip = a.getAddress().getHostAddress();
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + a.getPort();
  }

  /** Stops accepting, lets running exchanges finish for up to a second, and closes its own TLS. */
  @Override
  public void close() {
    server.stop(1);
    executor.close();
    if (ownTls != null) {
      ownTls.close();
    }
  }
}
