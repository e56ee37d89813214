package org.sealpost.policy.mtasts;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.sealpost.tls.TestPki;

/**
 * A policy host for tests: the JDK's HttpsServer on a loopback address with a TestPki certificate,
 * answering every request with the reply set by the test. It records the SNI names clients sent
 * and the requests it got.
 */
final class PolicyHost implements AutoCloseable {

  /** What to answer; {@code chunked} sends the body with Transfer-Encoding: chunked. */
  record Reply(int status, String contentType, byte[] body, Map<String, String> headers,
      boolean chunked, Duration delay) {

    static Reply policy(String text) {
      return new Reply(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8),
          Map.of(), false, Duration.ZERO);
    }
  }

  private static final char[] PASSWORD = "test".toCharArray();

  private final HttpsServer server;
  private volatile Reply reply = new Reply(404, "text/plain", new byte[0], Map.of(), false, Duration.ZERO);
  private final AtomicInteger hits = new AtomicInteger();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> sniNames = new CopyOnWriteArrayList<>();

  private PolicyHost(String ip, TestPki.Issued certificate) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("host", certificate.key(), PASSWORD, certificate.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new javax.net.ssl.KeyManager[] {
        new SniRecorder((X509ExtendedKeyManager) kmf.getKeyManagers()[0])}, null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.ofLiteral(ip), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      hits.incrementAndGet();
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
          + exchange.getRequestHeaders().getFirst("Host"));
      Reply r = reply;
      try {
        Thread.sleep(r.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!r.contentType().isEmpty()) {
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
      }
      r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(r.status(), r.chunked() ? 0 : r.body().length == 0 ? -1 : r.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(r.body());
      }
    });
    server.start();
  }

  static PolicyHost start(String ip, TestPki.Issued certificate) throws Exception {
    return new PolicyHost(ip, certificate);
  }

  int port() {
    return server.getAddress().getPort();
  }

  PolicyHost reply(Reply r) {
    this.reply = r;
    return this;
  }

  PolicyHost serve(String policyText) {
    return reply(Reply.policy(policyText));
  }

  int hits() {
    return hits.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Hands out the one key, noting the SNI host name of each handshake. */
  private final class SniRecorder extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;

    SniRecorder(X509ExtendedKeyManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      if (engine.getHandshakeSession() instanceof ExtendedSSLSession session) {
        for (SNIServerName name : session.getRequestedServerNames()) {
          if (name instanceof SNIHostName host) {
            sniNames.add(host.getAsciiName());
          }
        }
      }
      return delegate.chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return delegate.getPrivateKey(alias);
    }
  }
}
