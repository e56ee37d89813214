package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Submission over real sockets: port-587 style (STARTTLS, then AUTH; RFC 6409, RFC 3207 §4) and
 * port-465 style implicit TLS (RFC 8314), both with REQUIRETLS from authenticated users (RT-33).
 */
class SubmissionIT {

  /** A remote recipient: only an authenticated client may relay to it (SEC-7). */
  private static final String REMOTE = "dave@remote.test";

  @TempDir Path dir;
  SealpostInstance mta;

  @BeforeEach
  void start() throws Exception {
    mta = SealpostInstance.builder(dir).address("127.0.0.43").start();
  }

  @AfterEach
  void stop() {
    mta.close();
  }

  @Test
  void implicitTlsListsRequireTlsAndAuthButNotStartTls_TLS11_RT33() throws Exception {
    Reply accepted;
    try (SmtpClient c = mta.connectImplicitTls(ListenerKind.SUBMISSIONS)) {
      assertThat(c.greeting().code()).isEqualTo(220);
      Extensions ext = c.ehlo(SealpostInstance.CLIENT_NAME);
      assertThat(ext.has("REQUIRETLS")).as("TLS-11: the first EHLO is post-TLS").isTrue();
      assertThat(ext.authMechanisms()).contains("PLAIN", "LOGIN");
      assertThat(ext.has("STARTTLS")).as("TLS-8: TLS is already on").isFalse();

      Reply noAuth = c.mail("carol@" + SealpostInstance.LOCAL_DOMAIN, List.of("REQUIRETLS"));
      assertThat(noAuth.code()).isEqualTo(530); // EXT-6
      assertThat(noAuth.status()).hasToString("5.7.0");

      assertThat(c.authPlain(SealpostInstance.USER, "wrong password").code()).isEqualTo(535);
      assertThat(c.authPlain(SealpostInstance.USER, SealpostInstance.PASSWORD).code()).isEqualTo(235);
      assertThat(c.mail("carol@" + SealpostInstance.LOCAL_DOMAIN, List.of("REQUIRETLS")).code()).isEqualTo(250);
      assertThat(c.rcpt(REMOTE, List.of()).code()).isEqualTo(250);
      accepted = c.data(Messages.simple("implicit TLS"));
      assertThat(accepted.code()).as(accepted.toString()).isEqualTo(250);
      assertThat(c.quit().code()).isEqualTo(221);
    }
    QueueEntry e = Messages.entry(mta.queued(), accepted);
    assertThat(e.envelope().tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
    assertThat(e.envelope().client().authenticatedUser()).isEqualTo(SealpostInstance.USER);
    assertThat(e.envelope().client().listener()).isEqualTo("submissions");
    assertThat(e.envelope().client().tls()).isNotNull();
    assertThat(Messages.receivedField(Messages.content(e)))
        .contains(" with ESMTPSA id ", "(requiretls)");
  }

  @Test
  void submissionNeedsStartTlsThenAuth_TLS3_EXT5_EXT6() throws Exception {
    Reply accepted;
    try (SmtpClient c = mta.connect(ListenerKind.SUBMISSION)) {
      Extensions plain = c.ehlo(SealpostInstance.CLIENT_NAME);
      assertThat(plain.has("STARTTLS")).isTrue();
      assertThat(plain.has("AUTH")).as("SEC-14: no AUTH offered in plaintext").isFalse();

      Reply mail = c.mail("carol@" + SealpostInstance.LOCAL_DOMAIN, List.of());
      assertThat(mail.code()).isEqualTo(530); // TLS-3
      assertThat(mail.status()).hasToString("5.7.0");
      Reply auth = c.authPlain(SealpostInstance.USER, SealpostInstance.PASSWORD);
      assertThat(auth.code()).isEqualTo(538); // EXT-5, SEC-14: no credentials in plaintext
      assertThat(auth.status()).hasToString("5.7.11");

      assertThat(c.startTls(mta.clientContext(), SealpostInstance.verifyingParameters(),
          SealpostInstance.HOSTNAME).code()).isEqualTo(220);
      Extensions tls = c.ehlo(SealpostInstance.CLIENT_NAME);
      assertThat(tls.authMechanisms()).contains("LOGIN");
      assertThat(c.mail("carol@" + SealpostInstance.LOCAL_DOMAIN, List.of()).code())
          .as("EXT-6: TLS alone is not enough").isEqualTo(530);
      assertThat(c.authLogin(SealpostInstance.USER, SealpostInstance.PASSWORD).code()).isEqualTo(235);
      assertThat(c.ehlo(SealpostInstance.CLIENT_NAME).has("AUTH"))
          .as("EXT-5: one successful AUTH per session").isFalse();
      assertThat(c.mail("carol@" + SealpostInstance.LOCAL_DOMAIN, List.of()).code()).isEqualTo(250);
      assertThat(c.rcpt(REMOTE, List.of()).code()).isEqualTo(250);
      accepted = c.data(Messages.simple("submitted"));
      assertThat(accepted.code()).as(accepted.toString()).isEqualTo(250);
      assertThat(c.quit().code()).isEqualTo(221);
    }
    QueueEntry e = Messages.entry(mta.queued(), accepted);
    assertThat(e.envelope().client().authenticatedUser()).isEqualTo(SealpostInstance.USER);
    assertThat(e.envelope().client().listener()).isEqualTo("submission");
    assertThat(e.envelope().tlsRequirement()).isEqualTo(TlsRequirement.UNSPECIFIED);
    assertThat(e.envelope().recipients().getFirst().address().toString()).isEqualTo(REMOTE);
    assertThat(Messages.receivedField(Messages.content(e))).contains(" with ESMTPSA id ");
  }
}
