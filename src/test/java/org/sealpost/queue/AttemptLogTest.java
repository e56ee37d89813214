package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.TlsLevel;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;

@TestMethodOrder(MethodOrderer.Random.class)
class AttemptLogTest {

  static final QueueId ID = TestEnvelopes.id(1);
  static final MailAddress BOB = MailAddress.parse("bob@example.org");
  static final Hop HOP = new Hop("mx1.example.org", "192.0.2.7", 25, TlsLevel.DANE, true);

  @Test
  void sentOverDaneWithRequireTls() { // RT-27: the log shows the REQUIRETLS hop
    assertThat(AttemptLog.line(ID, BOB, new DeliveryOutcome.Delivered(
        EnhancedStatus.of("2.0.0"), "250 2.0.0 Ok", "accepted", HOP)))
        .isEqualTo(ID + ": to=<bob@example.org> relay=mx1.example.org[192.0.2.7]:25 tls=dane"
            + " requiretls=yes status=sent (250 2.0.0 Ok)");
  }

  @Test
  void deferredWithoutHopShowsTheReason() {
    assertThat(AttemptLog.line(ID, BOB, new DeliveryOutcome.Deferred(
        EnhancedStatus.of("4.4.3"), null, "DNS lookup of the MX failed (SERVFAIL)", null)))
        .isEqualTo(ID + ": to=<bob@example.org> relay=none tls=none requiretls=no status=deferred"
            + " (DNS lookup of the MX failed (SERVFAIL))");
  }

  @Test
  void bouncedOverPkixWithoutRequireTlsAndAMultiLineReplyOnOneLine() {
    Hop pkix = new Hop("[192.0.2.9]", "192.0.2.9", 587, TlsLevel.VERIFIED_PKIX, false);
    assertThat(AttemptLog.line(ID, BOB, new DeliveryOutcome.Failed(
        EnhancedStatus.of("5.1.1"), "550-5.1.1 no such user\r\n550 5.1.1 see docs", "no mailbox", pkix)))
        .isEqualTo(ID + ": to=<bob@example.org> relay=[192.0.2.9][192.0.2.9]:587 tls=verified-pkix"
            + " requiretls=no status=bounced (550-5.1.1 no such user  550 5.1.1 see docs)");
  }

  @Test
  void expiryLineGivesTheReasonNotTheLastReply() {
    Hop plain = new Hop("mx.example.org", "192.0.2.8", 25, TlsLevel.ENCRYPTED, false);
    assertThat(AttemptLog.expiredLine(ID, BOB, new DeliveryOutcome.Failed(
        EnhancedStatus.of("5.4.7"), "421 4.3.2 try later", "delivery time expired after 5d", plain)))
        .endsWith("tls=encrypted requiretls=no status=bounced (delivery time expired after 5d)");
  }

  @Test
  void localDeliveryNamesItselfInsteadOfNone() {
    assertThat(AttemptLog.line(ID, BOB, new DeliveryOutcome.Delivered(
            EnhancedStatus.of("2.0.0"), null, "delivered to mailbox bob", null), true))
        .contains(" relay=local tls=none requiretls=no status=sent (delivered to mailbox bob)");
  }
}
