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
}
