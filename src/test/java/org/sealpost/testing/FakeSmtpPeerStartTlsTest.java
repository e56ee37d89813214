package org.sealpost.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sealpost.testing.PeerClients.MX;
import static org.sealpost.testing.PeerClients.connect;
import static org.sealpost.testing.PeerClients.parameters;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.Extensions;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.smtp.client.SmtpTlsException;
import org.sealpost.tls.TestPki;

/** Each STARTTLS behaviour and certificate variant produces what our client must see (SEC-2/3). */
class FakeSmtpPeerStartTlsTest {

  private static TestPki pki;
  private static SSLContext trusting;
  private FakeSmtpPeer peer;

  @BeforeAll
  static void pki() {
    pki = TestPki.create();
    trusting = pki.clientContext();
  }

  @BeforeEach
  void start() throws Exception {
    peer = FakeSmtpPeer.start(PeerClients.ADDRESS).certificate(pki.server(MX));
  }

  @AfterEach
  void stop() throws Exception {
    peer.close();
  }

  @Test
  void offersRequireTlsOnlyInsideTlsByDefault() throws Exception { // RT-4, RT-23 fixture
    try (SmtpClient client = connect(peer)) {
      Extensions plain = client.ehlo("client.src.test");
      assertThat(plain.has("STARTTLS")).isTrue();
      assertThat(plain.has("REQUIRETLS")).isFalse();
      assertThat(client.startTls(trusting, parameters(trusting), MX).code()).isEqualTo(220);
      Extensions secure = client.ehlo("client.src.test");
      assertThat(secure.has("REQUIRETLS")).isTrue();
      assertThat(secure.has("STARTTLS")).isFalse(); // TLS-8
      client.quit();
    }
    Transcript t = peer.takeTranscript();
    assertThat(t.commands()).containsExactly(
        new Transcript.Command("EHLO client.src.test", false),
        new Transcript.Command("STARTTLS", false),
        new Transcript.Command("EHLO client.src.test", true),
        new Transcript.Command("QUIT", true));
    assertThat(t.tls()).hasValueSatisfying(tls -> {
      assertThat(tls.protocol()).isEqualTo("TLSv1.3");
      assertThat(tls.cipherSuite()).startsWith("TLS_");
      assertThat(tls.serverName()).hasValue(MX); // DANE-13, STS-12: the client sent SNI
    });
    assertThat(t.ending()).isEqualTo(Transcript.Ending.QUIT);
    assertThat(peer.violations()).isEmpty();
  }

  @Test
  void canOfferNoRequireTlsAfterTls() throws Exception { // RT-23: a host the client must skip
    peer.ehloAfterTls("PIPELINING", "8BITMIME");
    try (SmtpClient client = PeerClients.connectTls(peer, trusting)) {
      assertThat(client.extensions().has("REQUIRETLS")).isFalse();
      assertThat(client.extensions().has("8BITMIME")).isTrue();
    }
  }

  @Test
  void canOfferNoStartTlsAtAll() throws Exception { // SEC-3: stripped STARTTLS
    peer.ehloBeforeTls("PIPELINING", "8BITMIME");
    try (SmtpClient client = connect(peer)) {
      assertThat(client.ehlo("client.src.test").has("STARTTLS")).isFalse();
      assertThat(client.startTls(trusting, parameters(trusting), MX).code()).isEqualTo(502);
    }
    assertThat(peer.takeTranscript().violations()).extracting(Violation::kind)
        .containsExactly(Violation.Kind.UNADVERTISED_EXTENSION);
  }

  @Test
  void refuses454AndStaysInPlaintext() throws Exception { // SEC-3
    peer.startTls(StartTlsBehaviour.REFUSE_454);
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      Reply reply = client.startTls(trusting, parameters(trusting), MX);
      assertThat(reply.code()).isEqualTo(454);
      assertThat(client.tlsSession()).isEmpty();
      assertThat(client.noop().code()).isEqualTo(250);
    }
    assertThat(peer.takeTranscript().tls()).isEmpty();
  }

  @Test
  void injectedBytesAfterReadyAbortTheClient() throws Exception { // SEC-2, TLS-7
    peer.startTls(StartTlsBehaviour.INJECT_AFTER_READY);
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      assertThatThrownBy(() -> client.startTls(trusting, parameters(trusting), MX))
          .isInstanceOfSatisfying(SmtpTlsException.class, e ->
              assertThat(e.failure()).isEqualTo(SmtpTlsException.Failure.BYTES_AFTER_READY));
    }
    Transcript t = peer.takeTranscript();
    assertThat(t.ending()).isEqualTo(Transcript.Ending.HANDSHAKE_FAILED);
    assertThat(t.tls()).isEmpty();
  }

  /** Every behaviour that says 220 and then cannot complete a handshake our client accepts. */
  @ParameterizedTest
  @EnumSource(names = {"CLOSE_AFTER_READY", "TLS_1_0_ONLY", "NO_SHARED_CIPHER"})
  void brokenHandshakesFailTheClientHandshake(StartTlsBehaviour behaviour) throws Exception {
    peer.startTls(behaviour);
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      assertThatThrownBy(() -> client.startTls(trusting, parameters(trusting), MX))
          .isInstanceOfSatisfying(SmtpTlsException.class, e ->
              assertThat(e.failure()).isEqualTo(SmtpTlsException.Failure.HANDSHAKE));
    }
    Transcript t = peer.takeTranscript();
    assertThat(t.tls()).isEmpty();
    if (behaviour == StartTlsBehaviour.CLOSE_AFTER_READY) {
      assertThat(t.ending()).isEqualTo(Transcript.Ending.PEER_CLOSED);
    } else {
      assertThat(t.ending()).isEqualTo(Transcript.Ending.HANDSHAKE_FAILED);
      assertThat(t.tlsFailure()).isPresent();
    }
  }

  static Stream<Arguments> refusedCertificates() {
    return Stream.of(
        Arguments.of("untrusted CA", TestPki.create().server(MX)),
        Arguments.of("expired", pki.expired(MX)),
        Arguments.of("self-signed", TestPki.selfSigned(MX)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedCertificates")
  void certificatesAClientMustRefuseFailTheHandshake(String what, TestPki.Issued cert)
      throws Exception { // RT-22
    peer.certificate(cert);
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      assertThatThrownBy(() -> client.startTls(trusting, parameters(trusting), MX))
          .isInstanceOfSatisfying(SmtpTlsException.class, e ->
              assertThat(e.failure()).isEqualTo(SmtpTlsException.Failure.HANDSHAKE));
    }
    assertThat(peer.takeTranscript().ending()).isEqualTo(Transcript.Ending.HANDSHAKE_FAILED);
  }

  @Test
  void wrongNameCertificatePassesTlsButNamesAnotherHost() throws Exception { // RT-22 name check
    peer.certificate(pki.server("other.example.test"));
    try (SmtpClient client = PeerClients.connectTls(peer, trusting)) {
      X509Certificate leaf = client.tlsSession().orElseThrow().peerCertificates().getFirst();
      assertThat(leaf.getSubjectAlternativeNames())
          .containsExactly(List.of(2, "other.example.test"));
    }
    assertThat(peer.takeTranscript().tls().orElseThrow().serverName()).hasValue(MX);
  }

  @Test
  void requireStartTlsRefusesMailUntilTls() throws Exception { // TLS-3, RT-29 fixture
    peer.requireStartTls(true);
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      assertThat(client.mail("a@src.test", List.of())).isEqualTo(
          Reply.of(530, "5.7.0", "Must issue a STARTTLS command first"));
      client.startTls(trusting, parameters(trusting), MX);
      client.ehlo("client.src.test");
      assertThat(client.mail("a@src.test", List.of()).code()).isEqualTo(250);
    }
  }

  @Test
  void behaviourChangesBetweenConnections() throws Exception {
    peer.startTls(StartTlsBehaviour.REFUSE_454);
    try (SmtpClient first = connect(peer)) {
      first.ehlo("client.src.test");
      assertThat(first.startTls(trusting, parameters(trusting), MX).code()).isEqualTo(454);
      peer.startTls(StartTlsBehaviour.NORMAL); // the open connection keeps its settings
      assertThat(first.startTls(trusting, parameters(trusting), MX).code()).isEqualTo(454);
    }
    try (SmtpClient second = PeerClients.connectTls(peer, trusting)) {
      assertThat(second.tlsSession()).isPresent();
    }
  }
}
