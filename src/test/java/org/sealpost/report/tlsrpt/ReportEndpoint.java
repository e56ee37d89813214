package org.sealpost.report.tlsrpt;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.sealpost.tls.TestPki;

/**
 * A TLS-RPT HTTPS receiver on a loopback address (the JDK's HttpsServer), with a certificate from
 * a {@link TestPki} for that address. Answers with the statuses queued by {@link #answer}, then
 * 200; records every POST.
 */
final class ReportEndpoint implements AutoCloseable {

  record Post(String contentType, byte[] body) {}

  private final HttpsServer server;
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();

  private ReportEndpoint(HttpsServer server) {
    this.server = server;
  }

  static ReportEndpoint start(TestPki pki, String ip) throws Exception {
    TestPki.Issued cert = pki.server(ip);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "changeit".toCharArray();
    store.setKeyEntry("endpoint", cert.key(), password, cert.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.ofLiteral(ip), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    ReportEndpoint endpoint = new ReportEndpoint(server);
    server.createContext("/tlsrpt", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      endpoint.posts.add(new Post(exchange.getRequestHeaders().getFirst("Content-Type"), body));
      exchange.sendResponseHeaders(endpoint.nextStatus(), -1);
      exchange.close();
    });
    server.start();
    return endpoint;
  }

  /** The next POSTs get these statuses, in order; after them, 200. */
  synchronized ReportEndpoint answer(Integer... next) {
    statuses.addAll(List.of(next));
    return this;
  }

  private synchronized int nextStatus() {
    Integer s = statuses.poll();
    return s == null ? 200 : s;
  }

  URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("https://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/tlsrpt");
  }

  /** The next POST received, waiting up to {@code seconds}; null if none. */
  Post take(int seconds) throws InterruptedException {
    return posts.poll(seconds, java.util.concurrent.TimeUnit.SECONDS);
  }

  int received() {
    return posts.size();
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
  }
}
