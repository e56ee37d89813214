package org.sealpost.smtp.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.SmtpProtocolException;

/** The client against scripted peers on 127.0.0.1 (each test one connection, every byte scripted). */
class SmtpClientTest {

  private static final String EHLO_REPLY =
      "250-mx.test\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-auth PLAIN LOGIN\r\n250-STARTTLS\r\n250 8BITMIME\r\n";

  private static TestPki pki;
  private static TestPki otherPki;

  @BeforeAll
  static void pki() throws Exception {
    pki = TestPki.selfSigned("mx.test");
    otherPki = TestPki.selfSigned("mx.test");
  }

  private static ClientOptions options() {
    return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  @Test
  void runsAMailTransactionAndParsesExtensions() throws Exception {
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      assertThat(p.readLine()).isEqualTo("EHLO client.test");
      p.write(EHLO_REPLY);
      assertThat(p.readLine()).isEqualTo("MAIL FROM:<a@b.test> SIZE=20 REQUIRETLS");
      p.write("250 2.1.0 Ok\r\n");
      assertThat(p.readLine()).isEqualTo("RCPT TO:<c@d.test>");
      p.write("250 2.1.5 Ok\r\n");
      assertThat(p.readLine()).isEqualTo("DATA");
      p.write("354 go\r\n");
      // SEC-6: the client normalised the bare LFs and stuffed the dot; the decoder undid the stuffing
      assertThat(p.readData()).isEqualTo("Subject: t\r\n\r\n.hidden\r\nend\r\n");
      p.write("250 2.0.0 queued as X\r\n");
      assertThat(p.readLine()).isEqualTo("QUIT");
      p.write("221 2.0.0 bye\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      assertThat(c.greeting()).isEqualTo(Reply.of(220, "mx.test ESMTP"));
      Extensions ext = c.ehlo("client.test");
      assertThat(ext.accepted()).isTrue();
      assertThat(ext.esmtp()).isTrue();
      assertThat(ext.has("pipelining")).isTrue();
      assertThat(ext.sizeLimit()).hasValue(1000);
      assertThat(ext.authMechanisms()).containsExactly("PLAIN", "LOGIN");
      assertThat(ext.has("REQUIRETLS")).isFalse();
      assertThat(c.mail("a@b.test", List.of("SIZE=20", "REQUIRETLS"))).isEqualTo(Reply.of(250, "2.1.0", "Ok"));
      assertThat(c.rcpt("c@d.test", List.of()).isPositive()).isTrue();
      assertThat(c.data("Subject: t\n\n.hidden\nend".getBytes(UTF_8)))
          .isEqualTo(Reply.of(250, "2.0.0", "queued as X"));
      assertThat(c.quit().code()).isEqualTo(221);
      server.await();
    }
  }

  @Test
  void fallsBackToHeloWhenEhloIsUnknown() throws Exception {
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 old.test\r\n");
      assertThat(p.readLine()).isEqualTo("EHLO client.test");
      p.write("502 5.5.1 what?\r\n");
      assertThat(p.readLine()).isEqualTo("HELO client.test");
      p.write("250 old.test\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      Extensions ext = c.ehlo("client.test");
      assertThat(ext.accepted()).isTrue();
      assertThat(ext.esmtp()).isFalse();
      assertThat(ext.keywords()).isEmpty();
      server.await();
      c.close();
    }
  }

  @Test
  void startTlsSendsSniReportsTheSessionAndForgetsExtensions() throws Exception { // TLS-6, DANE-13
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      p.readLine();
      p.write(EHLO_REPLY);
      assertThat(p.readLine()).isEqualTo("STARTTLS");
      p.write("220 2.0.0 ready\r\n");
      p.startTls(pki.serverContext());
      assertThat(p.readLine()).isEqualTo("EHLO client.test");
      p.write("250-mx.test\r\n250 REQUIRETLS\r\n");
      assertThat(p.readLine()).isEqualTo("NOOP");
      p.write("250 2.0.0 ok\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      assertThat(c.ehlo("client.test").has("STARTTLS")).isTrue();
      SSLParameters params = new SSLParameters();
      params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      params.setEndpointIdentificationAlgorithm("HTTPS");
      Reply r = c.startTls(pki.clientContext(), params, "mx.test");
      assertThat(r.code()).isEqualTo(220);
      assertThat(c.extensions().keywords()).isEmpty(); // TLS-6
      TlsSessionInfo tls = c.tlsSession().orElseThrow();
      assertThat(tls.protocol()).isEqualTo("TLSv1.3");
      assertThat(tls.cipherSuite()).startsWith("TLS_");
      assertThat(tls.peerCertificates()).containsExactly(pki.certificate);
      assertThat(tls.facts().protocol()).isEqualTo("TLSv1.3");
      assertThat(c.ehlo("client.test").has("requiretls")).isTrue();
      assertThat(c.noop().code()).isEqualTo(250);
      assertThat(server.await().sniName).isEqualTo("mx.test");
      assertThat(params.getServerNames()).isNull(); // the caller's parameters were not changed
      c.close();
    }
  }

  @Test
  void abortsWhenBytesFollowTheStartTlsReady() throws Exception { // SEC-2, TLS-7
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      p.readLine();
      p.write(EHLO_REPLY);
      assertThat(p.readLine()).isEqualTo("STARTTLS");
      p.write("220 2.0.0 ready\r\n250-mx.test\r\n250 AUTH PLAIN\r\n"); // injected in the same write
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      c.ehlo("client.test");
      assertThatThrownBy(() -> c.startTls(pki.clientContext(), new SSLParameters(), "mx.test"))
          .isInstanceOfSatisfying(SmtpTlsException.class,
              e -> assertThat(e.failure()).isEqualTo(SmtpTlsException.Failure.BYTES_AFTER_READY));
      assertThat(c.tlsSession()).isEmpty();
      assertThatThrownBy(c::noop).isInstanceOf(IOException.class); // the connection is closed
      server.await();
    }
  }

  @Test
  void reportsAnUntrustedCertificateAsAHandshakeFailure() throws Exception {
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      p.readLine();
      p.write("220 2.0.0 ready\r\n");
      try {
        p.startTls(pki.serverContext());
      } catch (IOException expected) {
        // the client aborts the handshake
      }
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      assertThatThrownBy(() -> c.startTls(otherPki.clientContext(), new SSLParameters(), "mx.test"))
          .isInstanceOfSatisfying(SmtpTlsException.class,
              e -> assertThat(e.failure()).isEqualTo(SmtpTlsException.Failure.HANDSHAKE));
      server.await();
    }
  }

  @Test
  void returnsARefusedStartTlsAsAReply() throws Exception {
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      p.readLine();
      p.write("454 4.7.0 TLS not available\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      assertThat(c.startTls(pki.clientContext(), new SSLParameters(), "mx.test"))
          .isEqualTo(Reply.of(454, "4.7.0", "TLS not available"));
      assertThat(c.tlsSession()).isEmpty();
      server.await();
      c.close();
    }
  }

  @Test
  void pipelinesCommandsBeforeReadingReplies() throws Exception { // RFC 2920
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      // the server reads all three before answering: a client waiting per command would hang here
      assertThat(List.of(p.readLine(), p.readLine(), p.readLine()))
          .containsExactly("MAIL FROM:<>", "RCPT TO:<a@b.test>", "RCPT TO:<postmaster>");
      p.write("250 2.1.0 ok\r\n550 5.1.1 no such user\r\n250 2.1.5 ok\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      List<Reply> replies = c.pipeline(List.of("MAIL FROM:<>", "RCPT TO:<a@b.test>", "RCPT TO:<postmaster>"));
      assertThat(replies).extracting(Reply::code).containsExactly(250, 550, 250);
      server.await();
      c.close();
    }
  }

  @Test
  void sendsBdatChunksAsGiven() throws Exception { // RFC 3030
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      assertThat(p.readLine()).isEqualTo("BDAT 6");
      assertThat(p.readChunk(6, false)).isEqualTo("a\r\n.\r\r");
      p.write("250 2.0.0 6 octets\r\n");
      assertThat(p.readLine()).isEqualTo("BDAT 0 LAST");
      p.write("250 2.0.0 queued\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      assertThat(c.bdat("a\r\n.\r\r".getBytes(UTF_8), false).code()).isEqualTo(250);
      assertThat(c.bdat(new byte[0], true).text()).isEqualTo("queued");
      server.await();
      c.close();
    }
  }

  @Test
  void authenticatesWithPlainAndLogin() throws Exception { // EXT-5
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      assertThat(p.readLine()).isEqualTo("AUTH PLAIN " + b64("\0alice\0s3cret"));
      p.write("535 5.7.8 no\r\n");
      assertThat(p.readLine()).isEqualTo("AUTH LOGIN");
      p.write("334 VXNlcm5hbWU6\r\n");
      assertThat(p.readLine()).isEqualTo(b64("alice"));
      p.write("334 UGFzc3dvcmQ6\r\n");
      assertThat(p.readLine()).isEqualTo(b64("s3cret"));
      p.write("235 2.7.0 ok\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      assertThat(c.authPlain("alice", "s3cret")).isEqualTo(Reply.of(535, "5.7.8", "no"));
      assertThat(c.authLogin("alice", "s3cret")).isEqualTo(Reply.of(235, "2.7.0", "ok"));
      server.await();
      c.close();
    }
  }

  @Test
  void speaksLmtpWithOneReplyPerRecipient() throws Exception { // RFC 2033 §4.2
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 lmtp.test LMTP\r\n");
      assertThat(p.readLine()).isEqualTo("LHLO client.test");
      p.write("250-lmtp.test\r\n250 PIPELINING\r\n");
      assertThat(p.readLine()).isEqualTo("DATA");
      p.write("354 go\r\n");
      assertThat(p.readData()).isEqualTo("hi\r\n");
      p.write("250 2.0.0 a ok\r\n452 4.2.2 b over quota\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      assertThat(c.lhlo("client.test").has("PIPELINING")).isTrue();
      List<Reply> replies = c.lmtpData(new java.io.ByteArrayInputStream("hi\r\n".getBytes(UTF_8)), 2);
      assertThat(replies).extracting(Reply::code).containsExactly(250, 452);
      server.await();
      c.close();
    }
  }

  @Test
  void sendsRawBytesForInjectionTests() throws Exception {
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      assertThat(p.readLine()).isEqualTo("NOOP");
      p.write("250 2.0.0 ok\r\n");
      assertThat(p.readData()).isEqualTo("a\r\n");
      p.write("250 2.0.0 done\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      c.send("NOOP");
      assertThat(c.readReply().code()).isEqualTo(250);
      assertThatThrownBy(() -> c.send("NOOP\r\nRSET")).isInstanceOf(IllegalArgumentException.class);
      c.sendRaw("a\r\n.\r\n".getBytes(UTF_8));
      assertThat(c.readReply().text()).isEqualTo("done");
      server.await();
      c.close();
    }
  }

  @Test
  void malformedRepliesAreProtocolErrors() throws Exception {
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.write("220 mx.test ESMTP\r\n");
      p.readLine();
      p.write("250-mx.test\r\n251 mixed codes\r\n");
    })) {
      SmtpClient c = SmtpClient.connect(server.address(), options());
      assertThatThrownBy(() -> c.ehlo("client.test")).isInstanceOf(SmtpProtocolException.class);
      server.await();
      c.close();
    }
  }

  @Test
  void connectsWithImplicitTls() throws Exception { // TLS-11, RFC 8314
    try (ScriptedServer server = new ScriptedServer(p -> {
      p.startTls(pki.serverContext());
      p.write("220 mx.test ESMTP\r\n");
      assertThat(p.readLine()).isEqualTo("EHLO client.test");
      p.write("250-mx.test\r\n250 REQUIRETLS\r\n");
    })) {
      SmtpClient c = SmtpClient.connectTls(server.address(), options(), pki.clientContext(),
          new SSLParameters(), "mx.test");
      assertThat(c.tlsSession()).isPresent();
      assertThat(c.greeting().code()).isEqualTo(220);
      assertThat(c.ehlo("client.test").has("REQUIRETLS")).isTrue();
      assertThat(server.await().sniName).isEqualTo("mx.test");
      c.close();
    }
  }
}
