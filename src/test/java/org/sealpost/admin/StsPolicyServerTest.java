package org.sealpost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.TlsConfig;
import org.sealpost.mail.Domain;
import org.sealpost.tls.ServerTls;
import org.sealpost.tls.TestPki;

/** The policy host over real HTTPS on loopback, as a sending MTA's fetcher sees it (STS-2, STS-4). */
@Timeout(20)
@TestMethodOrder(MethodOrderer.Random.class)
class StsPolicyServerTest {

  private static final TestPki PKI = TestPki.create();
  private static final TlsConfig TLS =
      new TlsConfig(null, null, "TLSv1.2", Duration.ofSeconds(5), Duration.ZERO, false);
  private static final StsPolicyDocument DOCUMENT =
      StsPolicyDocument.of(MtaStsMode.ENFORCE, List.of("mx1.example.org", "*.mx.example.org"), 86_400);

  private final SSLContext client = PKI.clientContext();
  private ServerTls tls;
  private StsPolicyServer server;

  @BeforeEach
  void start() throws IOException {
    tls = ServerTls.of(PKI.server("mta-sts.example.org", "mta-sts.example.net").material(), TLS);
    server = StsPolicyServer.start(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.83"), 0), tls,
        DOCUMENT, List.of(Domain.of("example.org"), Domain.of("example.net")));
  }

  @AfterEach
  void stop() {
    server.close();
    tls.close();
  }

  @Test
  void servesThePolicyAsPlainTextThatIsNeverCached() throws IOException { // STS-2, STS-3, STS-4
    HttpsProbe.Response r = HttpsProbe.get(client, server.address(), "mta-sts.example.org");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("content-type", "text/plain")
        .containsEntry("cache-control", "no-store")
        .containsEntry("content-length", Integer.toString(DOCUMENT.bytes().length))
        .doesNotContainKey("location");
    assertThat(r.body()).isEqualTo("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.org\r\n"
        + "mx: *.mx.example.org\r\nmax_age: 86400\r\n");
  }

  @Test
  void servesEveryConfiguredDomainUnderItsOwnName() throws IOException {
    HttpsProbe.Response r = HttpsProbe.get(client, server.address(), "mta-sts.example.net");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(DOCUMENT.text());
  }

  @Test
  void acceptsHostHeaderWithPortAndAnyCase() throws IOException {
    HttpsProbe.Response r = HttpsProbe.request(client, server.address(), "mta-sts.example.org", "GET",
        StsPolicyResponder.PATH, "MTA-STS.Example.ORG:443");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void headGivesTheHeadersWithoutTheBody() throws IOException {
    HttpsProbe.Response r = HttpsProbe.request(client, server.address(), "mta-sts.example.org", "HEAD",
        StsPolicyResponder.PATH, "mta-sts.example.org");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("content-type", "text/plain")
        .containsEntry("content-length", Integer.toString(DOCUMENT.bytes().length));
    assertThat(r.body()).isEmpty();
  }

  @Test
  void usesTheSniWhenTheRequestHasNoHostHeader() throws IOException {
    HttpsProbe.Response r = HttpsProbe.request(client, server.address(), "mta-sts.example.net", "GET",
        StsPolicyResponder.PATH, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(DOCUMENT.text());
  }

  @Test
  void answers404ForAHostThatIsNotAPolicyHost() throws IOException {
    SSLContext other = PKI.clientContext();
    ServerTls wide = ServerTls.of(PKI.server("mta-sts.example.com").material(), TLS);
    try (StsPolicyServer s = StsPolicyServer.start(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.83"), 0),
        wide, DOCUMENT, List.of(Domain.of("example.org")))) {
      HttpsProbe.Response r404 = HttpsProbe.get(other, s.address(), "mta-sts.example.com");
      assertThat(r404.status()).isEqualTo(404);
      assertThat(r404.headers()).containsEntry("cache-control", "no-store");
      assertThat(r404.body()).isEqualTo("not found\r\n");
    } finally {
      wide.close();
    }
  }

  @Test
  void answers404ForAnyOtherPath() throws IOException {
    for (String path : List.of("/", "/.well-known/mta-sts.txt/", "/.well-known/MTA-STS.txt",
        "/.well-known/security.txt")) {
      HttpsProbe.Response r = HttpsProbe.request(client, server.address(), "mta-sts.example.org", "GET",
          path, "mta-sts.example.org");
      assertThat(r.status()).as(path).isEqualTo(404);
    }
  }

  @Test
  void answers405WithAllowForOtherMethods() throws IOException {
    for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
      HttpsProbe.Response r = HttpsProbe.request(client, server.address(), "mta-sts.example.org", method,
          StsPolicyResponder.PATH, "mta-sts.example.org");
      assertThat(r.status()).as(method).isEqualTo(405);
      assertThat(r.headers()).as(method).containsEntry("allow", "GET, HEAD");
    }
  }

  @Test
  void answers421WhenTlsAndHttpNameDifferentHosts() throws IOException {
    HttpsProbe.Response r = HttpsProbe.request(client, server.address(), "mta-sts.example.org", "GET",
        StsPolicyResponder.PATH, "mta-sts.example.net");
    assertThat(r.status()).isEqualTo(421);
  }

  @Test
  void peerChosenTextIsLoggedWithoutSpacesQuotesOrControlCharacters() {
    assertThat(StsPolicyServer.printable("evil host\" status=200\r\nx")).isEqualTo("evil?host??status=200??x");
    assertThat(StsPolicyServer.printable(null)).isEqualTo("-");
    assertThat(StsPolicyServer.printable("h".repeat(500))).hasSize(100);
  }

  @Test
  void aPortInUseIsReportedWithTheKeyAndAddress() throws IOException {
    InetSocketAddress taken = server.address();
    assertThatThrownBy(() -> StsPolicyServer.start(taken, tls, DOCUMENT, List.of(Domain.of("example.org"))))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("mta_sts_policy.listen 127.0.0.83:" + taken.getPort() + ": ");
  }

  @Test
  void showsACertificateThatSendersAcceptForThePolicyHost() throws IOException { // STS-4
    HttpsProbe.Response r = HttpsProbe.get(client, server.address(), "mta-sts.example.org");
    assertThat(r.leaf()).isEqualTo(tls.material().leaf());
    assertThatThrownBy(() -> HttpsProbe.get(client, server.address(), "mta-sts.example.com"))
        .isInstanceOf(SSLHandshakeException.class); // the certificate does not name it
  }
}
