package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ListenerKind;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.Extensions;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.smtp.client.SmtpTlsException;
import org.sealpost.smtp.client.TlsSessionInfo;
import org.sealpost.tls.TestPki;

/** REQUIRETLS (RFC 8689) on the relay listener, over real STARTTLS with a verified certificate. */
class RequireTlsIT {

  private static final String BOB = "bob@" + SealpostInstance.LOCAL_DOMAIN;

  @TempDir Path dir;
  SealpostInstance mta;

  @BeforeEach
  void start() throws Exception {
    mta = SealpostInstance.builder(dir).address("127.0.0.42").start();
  }

  @AfterEach
  void stop() {
    mta.close();
  }

  @Test
  void requireTlsOverVerifiedStartTlsIsQueuedTaggedAndTraced_RT6_RT16_RT19_EXT7() throws Exception {
    Reply accepted;
    TlsSessionInfo tls;
    try (SmtpClient c = mta.connectStartTls(ListenerKind.SMTP)) {
      // RT-6 (c): our client verified the chain to the test CA and the DNS-ID (JSSE "HTTPS" check).
      tls = c.tlsSession().orElseThrow();
      assertThat(tls.peerCertificates().getFirst().getSubjectX500Principal().getName())
          .isEqualTo("CN=" + SealpostInstance.HOSTNAME);
      assertThat(c.extensions().has("REQUIRETLS")).isTrue(); // RT-6 (d), RT-4
      assertThat(c.mail("sender@remote.test", List.of("REQUIRETLS")).code()).isEqualTo(250);
      assertThat(c.rcpt(BOB, List.of()).code()).isEqualTo(250);
      accepted = c.data(Messages.simple("sealed"));
      assertThat(accepted.code()).as(accepted.toString()).isEqualTo(250);
      assertThat(c.quit().code()).isEqualTo(221);
    }

    QueueEntry e = Messages.entry(mta.queued(), accepted);
    assertThat(e.envelope().tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS); // RT-16, RT-19
    assertThat(e.envelope().client().tls()).isEqualTo(tls.facts());
    assertThat(e.envelope().client().listener()).isEqualTo("smtp");
    byte[] content = Messages.content(e);
    String received = Messages.receivedField(content);
    // EXT-7: ESMTPS, with the negotiated version and cipher suite in a comment; RT-16 tag shown too.
    assertThat(received)
        .startsWith("Received: from " + SealpostInstance.CLIENT_NAME + " ([")
        .contains("by " + SealpostInstance.HOSTNAME + " (Sealpost) with ESMTPS id " + e.queueId().value())
        .contains("(using " + tls.protocol() + " with cipher " + tls.cipherSuite() + ")")
        .contains("(requiretls)")
        .contains("for <" + BOB + ">");
    assertThat(Messages.afterReceived(content)).isEqualTo(Messages.simple("sealed"));
  }

  @Test
  void requireTlsBeforeStartTlsIsRefusedAndOnlyThePostTlsEhloOffersIt_RT4_RT7() throws Exception {
    Reply plain;
    try (SmtpClient c = mta.connect(ListenerKind.SMTP)) {
      Extensions before = c.ehlo(SealpostInstance.CLIENT_NAME);
      assertThat(before.has("STARTTLS")).isTrue();
      assertThat(before.has("REQUIRETLS")).as("RT-4: not advertised in plaintext").isFalse();
      assertThat(before.has("AUTH")).as("SEC-14: no AUTH in plaintext").isFalse();

      Reply refused = c.mail("sender@remote.test", List.of("REQUIRETLS"));
      assertThat(refused.code()).isEqualTo(530); // RT-7 (project choice)
      assertThat(refused.status()).hasToString("5.7.10");

      // The refusal left no transaction behind: the same mail without the parameter goes through.
      assertThat(c.mail("sender@remote.test", List.of()).code()).isEqualTo(250);
      assertThat(c.rcpt(BOB, List.of()).code()).isEqualTo(250);
      plain = c.data(Messages.simple("plaintext"));
      assertThat(plain.code()).isEqualTo(250);

      c.startTls(mta.clientContext(), SealpostInstance.verifyingParameters(), SealpostInstance.HOSTNAME);
      Extensions after = c.ehlo(SealpostInstance.CLIENT_NAME);
      assertThat(after.has("REQUIRETLS")).as("RT-4: advertised after STARTTLS").isTrue();
      assertThat(after.has("STARTTLS")).as("TLS-8").isFalse();
      assertThat(c.mail("sender@remote.test", List.of("REQUIRETLS")).code()).isEqualTo(250);
      assertThat(c.quit().code()).isEqualTo(221);
    }
    QueueEntry e = Messages.entry(mta.queued(), plain);
    assertThat(e.envelope().tlsRequirement()).isEqualTo(TlsRequirement.UNSPECIFIED);
    assertThat(e.envelope().client().tls()).isNull();
    String received = Messages.receivedField(Messages.content(e));
    assertThat(received).contains(" with ESMTP id ").doesNotContain("(using ", "(requiretls)");
  }

  @Test
  void ourClientRefusesAWrongNameOrAnUntrustedCertificate_RT22() throws Exception {
    // RT-22: a host name that is not a DNS-ID of the certificate fails the handshake ...
    try (SmtpClient c = mta.connect(ListenerKind.SMTP)) {
      c.ehlo(SealpostInstance.CLIENT_NAME);
      assertThatThrownBy(() -> c.startTls(
              mta.clientContext(), SealpostInstance.verifyingParameters(), "other.sealpost.test"))
          .isInstanceOfSatisfying(SmtpTlsException.class,
              t -> assertThat(t.failure()).isEqualTo(SmtpTlsException.Failure.HANDSHAKE));
    }
    // ... and so does a chain to a CA the client does not trust.
    try (SmtpClient c = mta.connect(ListenerKind.SMTP)) {
      c.ehlo(SealpostInstance.CLIENT_NAME);
      assertThatThrownBy(() -> c.startTls(TestPki.create().clientContext(),
              SealpostInstance.verifyingParameters(), SealpostInstance.HOSTNAME))
          .isInstanceOfSatisfying(SmtpTlsException.class,
              t -> assertThat(t.failure()).isEqualTo(SmtpTlsException.Failure.HANDSHAKE));
    }
    // The server survived both failed handshakes and serves the next client.
    try (SmtpClient c = mta.connectStartTls(ListenerKind.SMTP)) {
      assertThat(c.noop().code()).isEqualTo(250);
    }
    assertThat(mta.queued()).isEmpty();
  }
}
