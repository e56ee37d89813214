package org.sealpost.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ServerConfig;
import org.sealpost.config.TlsConfig;
import org.sealpost.mail.TlsFacts;

@Timeout(20)
class ServerTlsTest {

  private static final TestPki PKI = TestPki.create();
  private static final InetAddress HOST = address("127.0.0.7");

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TlsConfig config(Path cert, Path key, String minVersion, Duration handshake) {
    return new TlsConfig(cert, key, minVersion, handshake, Duration.ZERO, true);
  }

  /** Accepts one plain connection, upgrades it as after STARTTLS, and returns the facts. */
  private static CompletableFuture<TlsFacts> serveStartTlsOnce(ServerTls tls, ServerSocket plain) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket s = plain.accept(); SSLSocket ssl = tls.startTls(s)) {
        TlsFacts facts = tls.handshake(ssl);
        ssl.getOutputStream().write('!');
        ssl.getOutputStream().flush();
        return facts;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static X509Certificate peerLeaf(SSLContext client, int port, String... protocols)
      throws IOException {
    try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(HOST, port)) {
      if (protocols.length > 0) {
        c.setEnabledProtocols(protocols);
      }
      c.startHandshake();
      assertThat(c.getInputStream().read()).isEqualTo('!');
      return (X509Certificate) c.getSession().getPeerCertificates()[0];
    }
  }

  @Test
  void startTlsUpgradesAnAcceptedSocketAndReportsFacts(@TempDir Path dir) throws Exception {
    TestPki.Pem pem = PKI.server("mx.example.test").writePem(dir);
    try (ServerTls tls = ServerTls.start(config(pem.certificate(), pem.privateKey(), "TLSv1.2",
            Duration.ofSeconds(5)), new ServerConfig("mx.example.test", dir), Instant::now);
        ServerSocket plain = new ServerSocket(0, 5, HOST)) {
      CompletableFuture<TlsFacts> facts = serveStartTlsOnce(tls, plain);
      X509Certificate seen = peerLeaf(PKI.clientContext(), plain.getLocalPort());
      assertThat(seen.getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.test");
      assertThat(facts.get(5, TimeUnit.SECONDS)).isEqualTo(
          new TlsFacts("TLSv1.3", facts.get().cipherSuite()));
      assertThat(facts.get().cipherSuite()).startsWith("TLS_AES_");
    }
  }

  @Test
  void reloadServesTheNewCertificateAndSurvivesABrokenFile(@TempDir Path dir) throws Exception {
    TestPki.Pem pem = PKI.server("old.example.test").writePem(dir);
    try (ServerTls tls = ServerTls.start(config(pem.certificate(), pem.privateKey(), "TLSv1.2",
            Duration.ofSeconds(5)), new ServerConfig("mx.example.test", dir), Instant::now);
        ServerSocket plain = new ServerSocket(0, 5, HOST)) {
      assertThat(tls.reload()).as("unchanged files").isFalse();
      PKI.server(TestPki.KeyKind.RSA, "new.example.test").writePem(dir);
      assertThat(tls.reload()).isTrue();
      serveStartTlsOnce(tls, plain);
      assertThat(peerLeaf(PKI.clientContext(), plain.getLocalPort()).getSubjectX500Principal()
          .getName()).isEqualTo("CN=new.example.test");

      Files.writeString(pem.certificate(), "-----BEGIN CERTIFICATE-----\ntruncated");
      assertThat(tls.reload()).isFalse();
      serveStartTlsOnce(tls, plain);
      assertThat(peerLeaf(PKI.clientContext(), plain.getLocalPort()).getSubjectX500Principal()
          .getName()).isEqualTo("CN=new.example.test");
    }
  }

  @Test
  void reloadsOnItsOwnEveryInterval(@TempDir Path dir) throws Exception {
    TestPki.Pem pem = PKI.server("old.example.test").writePem(dir);
    TlsConfig cfg = new TlsConfig(pem.certificate(), pem.privateKey(), "TLSv1.2",
        Duration.ofSeconds(5), Duration.ofMillis(50), true);
    try (ServerTls tls = ServerTls.start(cfg, new ServerConfig("mx", dir), Instant::now)) {
      PKI.server("new.example.test").writePem(dir, TestPki.KeyFormat.TRADITIONAL);
      X509Certificate fresh =
          PemFiles.readCertificates("tls.certificate", pem.certificate()).getFirst();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!tls.material().leaf().equals(fresh) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(tls.material().leaf()).isEqualTo(fresh);
    }
  }

  @Test
  void handshakeGivesUpOnAClientThatNeverSpeaks(@TempDir Path dir) throws Exception {
    TestPki.Pem pem = PKI.server("mx.example.test").writePem(dir);
    try (ServerTls tls = ServerTls.start(config(pem.certificate(), pem.privateKey(), "TLSv1.2",
            Duration.ofMillis(300)), new ServerConfig("mx", dir), Instant::now);
        ServerSocket plain = new ServerSocket(0, 5, HOST);
        Socket silent = new Socket(HOST, plain.getLocalPort());
        Socket accepted = plain.accept()) {
      long start = System.nanoTime();
      SSLSocket ssl = tls.startTls(accepted);
      assertThatThrownBy(() -> tls.handshake(ssl)).isInstanceOf(SocketTimeoutException.class)
          .hasMessage("TLS handshake not finished within 300 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(ssl.isClosed()).isTrue();
    }
  }

  @Test
  void minimumVersionRefusesOlderClients(@TempDir Path dir) throws Exception {
    TestPki.Pem pem = PKI.server("mx.example.test").writePem(dir);
    try (ServerTls tls = ServerTls.start(config(pem.certificate(), pem.privateKey(), "TLSv1.3",
            Duration.ofSeconds(5)), new ServerConfig("mx", dir), Instant::now);
        ServerSocket plain = new ServerSocket(0, 5, HOST)) {
      CompletableFuture<TlsFacts> server = serveStartTlsOnce(tls, plain);
      assertThatThrownBy(() -> peerLeaf(PKI.clientContext(), plain.getLocalPort(), "TLSv1.2"))
          .isInstanceOf(SSLException.class);
      assertThat(server).failsWithin(Duration.ofSeconds(5));
    }
  }

  @Test
  void offersOnlyModernProtocolsAndSuites(@TempDir Path dir) throws Exception {
    try (ServerTls tls = ServerTls.of(PKI.server("mx").material(),
        config(null, null, "TLSv1.2", Duration.ofSeconds(5)))) {
      assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
      assertThat(tls.cipherSuites()).isNotEmpty()
          .allSatisfy(s -> assertThat(s).doesNotStartWith("TLS_RSA_").doesNotContain("_CBC_", "_DHE_"))
          .contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }
  }

  @Test
  void implicitTlsListenerHandshakesOnAccept(@TempDir Path dir) throws Exception {
    try (ServerTls tls = ServerTls.start(config(null, null, "TLSv1.2", Duration.ofSeconds(5)),
            new ServerConfig("mx.example.test", dir), Instant::now);
        SSLServerSocket server = tls.bindImplicit(new InetSocketAddress(HOST, 0), 5)) {
      CompletableFuture<TlsFacts> facts = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          TlsFacts f = tls.handshake(s);
          s.getOutputStream().write('!');
          return f;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      X509Certificate selfSigned = tls.material().leaf();
      X509Certificate seen = peerLeaf(TestPki.clientContextTrusting(selfSigned),
          server.getLocalPort(), "TLSv1.2");
      assertThat(seen).isEqualTo(selfSigned);
      assertThat(facts.get(5, TimeUnit.SECONDS).protocol()).isEqualTo("TLSv1.2");
      assertThat(facts.get().cipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
      assertThat(Files.exists(dir.resolve("tls").resolve(SelfSignedCertificate.CERT_FILE))).isTrue();
    }
  }
}
