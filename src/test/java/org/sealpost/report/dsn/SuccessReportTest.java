package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.report.dsn.DsnFixtures.ATTEMPT;
import static org.sealpost.report.dsn.DsnFixtures.HOP;
import static org.sealpost.report.dsn.DsnFixtures.NOW;
import static org.sealpost.report.dsn.DsnFixtures.delivered;
import static org.sealpost.report.dsn.DsnFixtures.envelope;
import static org.sealpost.report.dsn.DsnFixtures.failed;
import static org.sealpost.report.dsn.DsnFixtures.outcome;
import static org.sealpost.report.dsn.DsnFixtures.recipient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.mail.Notify;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.Spool;

/** DSN-3, DSN-4, DSN-10: who reports a success, and as what. */
@TestMethodOrder(MethodOrderer.Random.class)
class SuccessReportTest {

  private static final Hop WITH_DSN = HOP.withDsnPassedOn(true);
  private static final Hop WITHOUT_DSN = HOP.withDsnPassedOn(false);

  @TempDir Path dir;
  private Spool spool;
  private Bouncer bouncer;

  @BeforeEach
  void open() throws IOException {
    spool = Spool.open(dir, InstantSource.fixed(NOW));
    bouncer = new Bouncer(spool.intake(), DsnFixtures.composer(), InstantSource.fixed(NOW),
        new DoubleBounce.LogOnly(), DsnRateLimit.unlimited());
  }

  @AfterEach
  void close() throws IOException {
    spool.close();
  }

  @Test
  void successPassedOnToADsnHopMakesNoRelayedDsn() throws IOException {
    // DSN-3: NOTIFY=SUCCESS went on to the hop, which now owns reporting.
    Recipient bob = recipient("bob@example.net", Set.of(Notify.SUCCESS), null);

    bouncer.finished(to(bob), List.of(outcome(bob, delivered(WITH_DSN))), ATTEMPT);

    assertThat(spool.list()).isEmpty();
  }

  @Test
  void successToAHopWithoutDsnMakesARelayedDsn() throws IOException {
    // DSN-4: the hop got no NOTIFY, so nobody further on will report; we say "relayed".
    Recipient bob = recipient("bob@example.net", Set.of(Notify.SUCCESS), null);

    bouncer.finished(to(bob), List.of(outcome(bob, delivered(WITHOUT_DSN))), ATTEMPT);

    ParsedDsn dsn = ParsedDsn.parse(content(single()));
    assertThat(dsn.recipientGroups()).extracting(g -> g.get("action")).containsExactly("relayed");
    assertThat(dsn.recipientGroups().getFirst()).containsEntry("remote-mta", "dns; mx1.example.net");
    assertThat(dsn.headers()).containsEntry("subject", "Successful Mail Delivery Report");
  }

  @Test
  void localMaildirDeliveryIsReportedDelivered() throws IOException {
    // DSN-10: final delivery here is "delivered", not "relayed".
    Recipient bob = recipient("bob@example.net", Set.of(Notify.SUCCESS), null);

    bouncer.finished(to(bob), List.of(outcome(bob, delivered(null))), ATTEMPT);

    ParsedDsn dsn = ParsedDsn.parse(content(single()));
    assertThat(dsn.recipientGroups()).extracting(g -> g.get("action")).containsExactly("delivered");
  }

  @Test
  void successWithoutNotifySuccessMakesNoDsnWhateverTheHop() throws IOException {
    Recipient bob = recipient("bob@example.net", EnumSet.of(Notify.FAILURE, Notify.DELAY), null);

    bouncer.finished(to(bob), List.of(outcome(bob, delivered(WITHOUT_DSN))), ATTEMPT);

    assertThat(spool.list()).isEmpty();
  }

  @Test
  void failureIsOursToReportEvenFromADsnHop() throws IOException {
    // RFC 3461 §5.2.1 hands reporting over only for what the hop accepted; a refusal at RCPT or
    // after DATA is ours (DSN-4's "failed" for the non-DSN hop, and the same for a DSN hop).
    Recipient bob = recipient("bob@example.net", Set.of(Notify.FAILURE), null);

    bouncer.finished(to(bob),
        List.of(outcome(bob, failed("5.1.1", "550 5.1.1 no such user", "rejected", WITH_DSN))), ATTEMPT);

    ParsedDsn dsn = ParsedDsn.parse(content(single()));
    assertThat(dsn.recipientGroups()).extracting(g -> g.get("action")).containsExactly("failed");
  }

  @Test
  void mixedHopsReportOnlyTheRecipientsNoHopWillReport() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(Notify.SUCCESS), null);
    Recipient carol = recipient("carol@example.com", Set.of(Notify.SUCCESS), null);
    Recipient dave = recipient("dave@example.org", Set.of(Notify.SUCCESS), null);
    OutboundMessage m = DsnFixtures.message(envelope("alice@example.org", List.of(bob, carol, dave), Ret.NOT_GIVEN,
        TlsRequirement.UNSPECIFIED, false, null));

    bouncer.finished(m, List.of(
        outcome(bob, delivered(WITH_DSN)),
        outcome(carol, delivered(WITHOUT_DSN)),
        outcome(dave, delivered(null))), ATTEMPT);

    ParsedDsn dsn = ParsedDsn.parse(content(single()));
    assertThat(dsn.recipientGroups()).extracting(g -> g.get("final-recipient") + " " + g.get("action"))
        .containsExactly("rfc822; carol@example.com relayed", "rfc822; dave@example.org delivered");
  }

  @Test
  void successPassedOnIsReadFromTheHop() {
    assertThat(Bouncer.successPassedOn((DeliveryOutcome.Delivered) delivered(WITH_DSN))).isTrue();
    assertThat(Bouncer.successPassedOn((DeliveryOutcome.Delivered) delivered(WITHOUT_DSN))).isFalse();
    assertThat(Bouncer.successPassedOn((DeliveryOutcome.Delivered) delivered(null))).isFalse();
  }

  private static OutboundMessage to(Recipient r) {
    return DsnFixtures.message(envelope("alice@example.org", List.of(r), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED,
        false, null));
  }

  private QueueEntry single() throws IOException {
    List<QueueEntry> entries = spool.list();
    assertThat(entries).hasSize(1);
    return entries.getFirst();
  }

  private static String content(QueueEntry entry) throws IOException {
    try (InputStream in = entry.openContent()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
