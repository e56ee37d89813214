package org.sealpost.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.testing.PeerClients.connect;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.tls.TestPki;

/** The peer notices what a conforming client must never send (SEC-1, SEC-6, RFC 2920, RT-23). */
class FakeSmtpPeerViolationTest {

  private FakeSmtpPeer peer;

  @BeforeEach
  void start() throws Exception {
    peer = FakeSmtpPeer.start(PeerClients.ADDRESS);
  }

  @AfterEach
  void stop() throws Exception {
    peer.close();
  }

  private SmtpClient inTransaction() throws Exception {
    SmtpClient client = connect(peer);
    client.ehlo("client.src.test");
    client.mail("a@src.test", List.of());
    client.rcpt("bob@dest.test", List.of());
    return client;
  }

  private static List<Violation.Kind> kinds(List<Violation> violations) {
    return violations.stream().map(Violation::kind).toList();
  }

  @Test
  void ourClientsNormalisedBodyIsClean() throws Exception { // SEC-6
    try (SmtpClient client = inTransaction()) {
      client.data("bare\nlines\rand\r\n.\r\n.dots\n".getBytes(UTF_8));
    }
    Transaction t = peer.takeTransaction();
    assertThat(t.violations()).isEmpty();
    assertThat(peer.violations()).isEmpty();
    assertThat(new String(t.wire(), UTF_8)).doesNotContain("\r\n.\r\n.");
  }

  @Test
  void recordsABareLineFeedInData() throws Exception { // SEC-5, SEC-6
    try (SmtpClient client = inTransaction()) {
      client.send("DATA");
      assertThat(client.readReply().code()).isEqualTo(354);
      client.sendRaw("one\ntwo\r\n.\r\n".getBytes(US_ASCII));
      assertThat(client.readReply().code()).isEqualTo(250);
    }
    Transaction t = peer.takeTransaction();
    assertThat(kinds(t.violations())).containsExactly(Violation.Kind.BARE_LINE_ENDING_IN_BODY);
    assertThat(kinds(peer.violations())).containsExactly(Violation.Kind.BARE_LINE_ENDING_IN_BODY);
  }

  @Test
  void recordsALineOver998OctetsInData() throws Exception { // RFC 5321 §4.5.3.1.6
    try (SmtpClient client = inTransaction()) {
      client.data(("ok\r\n" + "x".repeat(999) + "\r\n").getBytes(US_ASCII));
    }
    assertThat(kinds(peer.takeTransaction().violations()))
        .containsExactly(Violation.Kind.LINE_TOO_LONG_IN_BODY);
  }

  @Test
  void recordsPipeliningThatWasNotOffered() throws Exception { // RFC 2920 §3.1, SEC-5
    peer.ehloBeforeTls("8BITMIME");
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      client.pipeline(List.of("MAIL FROM:<a@src.test>", "RCPT TO:<bob@dest.test>"));
    }
    assertThat(kinds(peer.takeTranscript().violations()))
        .containsExactly(Violation.Kind.UNADVERTISED_PIPELINING);
  }

  @Test
  void acceptsPipeliningThatWasOffered() throws Exception {
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      client.pipeline(List.of("MAIL FROM:<a@src.test>", "RCPT TO:<bob@dest.test>", "DATA"));
      client.sendRaw("x\r\n.\r\n".getBytes(US_ASCII));
      assertThat(client.readReply().code()).isEqualTo(250);
    }
    assertThat(peer.takeTranscript().violations()).isEmpty();
    assertThat(peer.takeTransaction().contentText()).isEqualTo("x\r\n");
  }

  @Test
  void recordsCommandsSentAfterStartTls() throws Exception { // SEC-1, TLS-4
    peer.certificate(TestPki.create().server(PeerClients.MX));
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      client.sendRaw("STARTTLS\r\nRSET\r\n".getBytes(US_ASCII));
      assertThat(client.readReply().code()).isEqualTo(220);
    }
    Transcript t = peer.takeTranscript();
    assertThat(kinds(t.violations())).containsExactly(Violation.Kind.PIPELINED_AFTER_GROUP_END);
    assertThat(t.lines()).containsExactly("EHLO client.src.test", "STARTTLS"); // RSET dropped
  }

  @Test
  void refusesRequireTlsToAPeerThatDoesNotOfferIt() throws Exception { // RT-23, RT-25
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      assertThat(client.mail("a@src.test", List.of("REQUIRETLS")).code()).isEqualTo(555);
    }
    assertThat(peer.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.UNADVERTISED_EXTENSION);
      assertThat(v.detail()).contains("REQUIRETLS");
    });
  }

  @Test
  void recordsAnInvalidCommandLine() throws Exception { // SEC-8
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      client.sendRaw("MAIL FROM:<a@src.test>\nRCPT TO:<b@dest.test>\r\n".getBytes(US_ASCII));
      assertThat(client.readReply().code()).isEqualTo(501);
    }
    Transcript t = peer.takeTranscript();
    assertThat(kinds(t.violations())).containsExactly(Violation.Kind.INVALID_COMMAND_LINE);
    assertThat(t.lines()).last().isEqualTo("MAIL FROM:<a@src.test>\nRCPT TO:<b@dest.test>");
  }
}
