package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

@TestMethodOrder(MethodOrderer.Random.class)
class QueueListingTest {

  @Test
  void showsOneLinePerMessageWithTheTlsRequirementAndFloor() { // RT-19: the tag is visible
    Envelope e = TestEnvelopes.full(TestEnvelopes.id(1));
    QueueEntry entry =
        new QueueEntry(QueueState.DEFERRED, e, Path.of("x"), new QueueFileTrailer(4321, 0, 0, 0));
    assertThat(QueueListing.line(entry).split("\\s+"))
        .containsExactly(
            e.queueId().value(), "deferred", "2025-03-14T09:26:53Z", "4321", "<alice@example.org>", "3",
            "requiretls/dane");
  }

  @Test
  void nullSenderAndUnspecifiedRequirement() {
    Envelope e = TestEnvelopes.minimal(TestEnvelopes.id(2));
    QueueEntry entry =
        new QueueEntry(QueueState.ACTIVE, e, Path.of("x"), new QueueFileTrailer(0, 0, 0, 0));
    String line = QueueListing.line(entry);
    assertThat(line).contains(" <> ").endsWith(" -");
  }

  @Test
  void tlsColumnCodes() {
    Envelope base = TestEnvelopes.minimal(TestEnvelopes.id(3));
    assertThat(QueueListing.tls(with(base, TlsRequirement.TLS_OPTIONAL, VerificationFloor.NONE)))
        .isEqualTo("tls-optional");
    assertThat(QueueListing.tls(with(base, TlsRequirement.REQUIRE_TLS, VerificationFloor.NONE)))
        .isEqualTo("requiretls");
    assertThat(QueueListing.tls(with(base, TlsRequirement.REQUIRE_TLS, VerificationFloor.DNSSEC_MX)))
        .isEqualTo("requiretls/dnssec-mx");
  }

  @Test
  void headerNamesTheColumns() {
    assertThat(QueueListing.header().split("\\s+"))
        .containsExactly("QUEUEID", "STATE", "ARRIVAL", "SIZE", "SENDER", "RCPTS", "TLS");
  }

  private static Envelope with(Envelope e, TlsRequirement r, VerificationFloor f) {
    return new Envelope(e.queueId(), e.arrival(), e.client(), e.reversePath(), e.recipients(), e.body(),
        e.smtpUtf8(), e.declaredSize(), e.envId(), e.ret(), r, f);
  }

  @Test
  void recipientLinesShowStateAttemptsNextAttemptAndLastOutcome() {
    DeliveryStatus status = GoldenStatusFileTest.sample();
    QueueEntry entry = new QueueEntry(QueueState.DEFERRED, GoldenStatusFileTest.ENVELOPE, Path.of("x"),
        new QueueFileTrailer(1, 0, 0, 0));
    assertThat(QueueListing.recipientLines(entry, java.util.Optional.of(status))).containsExactly(
        "    <bob@example.net>  delivered attempts=2  (2.0.0 250 2.0.0 Ok: queued as 4BX2K7)",
        "    <jörg@xn--bcher-kva.example>  deferred attempts=2 next=2025-03-14T09:42:00Z"
            + "  (4.4.1 no MX host answered (connection refused))",
        "    <carol@example.com>  failed attempts=1  (5.7.30 550 5.7.30 REQUIRETLS support required)");
  }

  @Test
  void withoutAStatusRecordEveryRecipientIsPending() {
    Envelope e = TestEnvelopes.full(TestEnvelopes.id(4));
    QueueEntry held = new QueueEntry(QueueState.HOLD, e, Path.of("x"), new QueueFileTrailer(1, 0, 0, 0));
    QueueEntry active = new QueueEntry(QueueState.ACTIVE, e, Path.of("x"), new QueueFileTrailer(1, 0, 0, 0));
    assertThat(QueueListing.recipientLines(held, java.util.Optional.empty()))
        .hasSize(3).allMatch(l -> l.endsWith("> pending held".replace("> ", ">  ")));
    assertThat(QueueListing.recipientLines(active, java.util.Optional.empty()).getFirst())
        .isEqualTo("    <bob@example.net>  pending next=now");
  }
}
