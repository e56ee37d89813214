package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.report.dsn.DsnFixtures.ATTEMPT;
import static org.sealpost.report.dsn.DsnFixtures.BODY_MARKER;
import static org.sealpost.report.dsn.DsnFixtures.HOP;
import static org.sealpost.report.dsn.DsnFixtures.HOST;
import static org.sealpost.report.dsn.DsnFixtures.NOW;
import static org.sealpost.report.dsn.DsnFixtures.RETRY_UNTIL;
import static org.sealpost.report.dsn.DsnFixtures.deferred;
import static org.sealpost.report.dsn.DsnFixtures.delivered;
import static org.sealpost.report.dsn.DsnFixtures.envelope;
import static org.sealpost.report.dsn.DsnFixtures.failed;
import static org.sealpost.report.dsn.DsnFixtures.message;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.Spool;

@TestMethodOrder(MethodOrderer.Random.class)
class BouncerTest {

  private static final MailAddress POSTMASTER = MailAddress.parse("postmaster@sealpost.example");

  @TempDir Path dir;
  private Spool spool;

  @BeforeEach
  void open() throws IOException {
    spool = Spool.open(dir, InstantSource.fixed(NOW));
  }

  @AfterEach
  void close() throws IOException {
    spool.close();
  }

  private Bouncer bouncer(DoubleBounce doubleBounce) {
    return new Bouncer(spool.intake(), DsnFixtures.composer(), InstantSource.fixed(NOW), doubleBounce,
        DsnRateLimit.unlimited());
  }

  enum Event { FAILED, DELAYED, DELIVERED }

  static Stream<Arguments> notifyMatrix() {
    return Stream.of(
        // DSN-1: no NOTIFY means FAILURE and DELAY, never SUCCESS.
        Arguments.of(Set.of(), Event.FAILED, true),
        Arguments.of(Set.of(), Event.DELAYED, true),
        Arguments.of(Set.of(), Event.DELIVERED, false),
        // DSN-10 / RFC 3461 §4.1: NEVER means no DSN at all.
        Arguments.of(Set.of(Notify.NEVER), Event.FAILED, false),
        Arguments.of(Set.of(Notify.NEVER), Event.DELAYED, false),
        Arguments.of(Set.of(Notify.NEVER), Event.DELIVERED, false),
        Arguments.of(Set.of(Notify.SUCCESS), Event.DELIVERED, true),
        Arguments.of(Set.of(Notify.SUCCESS), Event.FAILED, false),
        Arguments.of(Set.of(Notify.SUCCESS), Event.DELAYED, false),
        Arguments.of(Set.of(Notify.FAILURE), Event.FAILED, true),
        Arguments.of(Set.of(Notify.FAILURE), Event.DELAYED, false),
        Arguments.of(Set.of(Notify.DELAY), Event.DELAYED, true),
        Arguments.of(Set.of(Notify.DELAY), Event.FAILED, false),
        Arguments.of(EnumSet.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY), Event.FAILED, true),
        Arguments.of(EnumSet.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY), Event.DELAYED, true),
        Arguments.of(EnumSet.of(Notify.SUCCESS, Notify.FAILURE, Notify.DELAY), Event.DELIVERED, true));
  }

  @ParameterizedTest(name = "NOTIFY={0} {1} -> dsn {2}")
  @MethodSource("notifyMatrix")
  void notifyDecidesWhetherADsnGoesOut(Set<Notify> notify, Event event, boolean expected) throws IOException {
    Recipient bob = recipient("bob@example.net", notify, null);
    OutboundMessage m = message(envelope("alice@example.org", List.of(bob), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null));

    tell(bouncer(new DoubleBounce.LogOnly()), m, bob, event);

    assertThat(spool.list()).hasSize(expected ? 1 : 0);
  }

  @Test
  void dsnEnvelopeIsNullSenderToTheSenderWithNotifyNever() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    OutboundMessage m = message(envelope("alice@example.org", List.of(bob), Ret.HDRS, TlsRequirement.UNSPECIFIED, false, "E1"));

    tell(bouncer(new DoubleBounce.LogOnly()), m, bob, Event.FAILED);

    Envelope dsn = single().envelope();
    // DSN-7, RT-37: MAIL FROM:<>, NOTIFY=NEVER, no RET, no ENVID of the original.
    assertThat(dsn.reversePath()).isNull();
    assertThat(dsn.recipients()).containsExactly(new Recipient(MailAddress.parse("alice@example.org"), Set.of(Notify.NEVER), null));
    assertThat(dsn.ret()).isEqualTo(Ret.NOT_GIVEN);
    assertThat(dsn.envId()).isNull();
    assertThat(dsn.tlsRequirement()).isEqualTo(TlsRequirement.UNSPECIFIED);
    assertThat(dsn.client().address()).isEqualTo("127.0.0.1");
    assertThat(dsn.client().heloName()).isEqualTo(HOST);
    assertThat(dsn.client().listener()).isEqualTo("dsn");
    assertThat(dsn.client().tls()).isNull();
    assertThat(dsn.client().authenticatedUser()).isNull();
    assertThat(dsn.queueId()).isNotEqualTo(m.envelope().queueId());
  }

  @Test
  void enqueuedContentParsesBackAsAReport() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    Recipient carol = recipient("carol@example.com", Set.of(Notify.SUCCESS), null);
    Recipient dave = recipient("dave@example.com", Set.of(Notify.NEVER), null);
    OutboundMessage m = message(envelope("alice@example.org", List.of(bob, carol, dave), Ret.NOT_GIVEN,
        TlsRequirement.UNSPECIFIED, false, "ENV-7"));

    bouncer(new DoubleBounce.LogOnly()).finished(m, List.of(
        outcome(bob, failed("5.1.1", "550 5.1.1 no such user", "rejected", HOP)),
        outcome(carol, delivered(HOP)),
        outcome(dave, failed("5.1.1", "550 5.1.1 no such user", "rejected", HOP))), ATTEMPT);

    ParsedDsn dsn = ParsedDsn.parse(content(single()));
    assertThat(dsn.headers()).containsEntry("to", "<alice@example.org>")
        .containsEntry("subject", "Undelivered Mail Returned to Sender")
        .containsEntry("auto-submitted", "auto-replied");
    assertThat(dsn.parts()).extracting(ParsedDsn.Part::contentType)
        .containsExactly("text/plain; charset=us-ascii", "message/delivery-status", "text/rfc822-headers");
    assertThat(dsn.perMessage()).containsEntry("reporting-mta", "dns; " + HOST)
        .containsEntry("original-envelope-id", "ENV-7");
    // One DSN for the call, about bob (failed) and carol (relayed, SUCCESS asked), not dave (NEVER).
    assertThat(dsn.recipientGroups()).extracting(g -> g.get("final-recipient") + " " + g.get("action"))
        .containsExactly("rfc822; bob@example.net failed", "rfc822; carol@example.com relayed");
    assertThat(dsn.parts().get(2).body()).contains("Subject: Quarterly figures").doesNotContain(BODY_MARKER);
  }

  @Test
  void nullSenderFailureIsOnlyLoggedByDefault() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    OutboundMessage bounce = message(envelope(null, List.of(bob), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null));

    tell(bouncer(new DoubleBounce.LogOnly()), bounce, bob, Event.FAILED);

    // DSN-5, SMTP-6: never a report to <>.
    assertThat(spool.list()).isEmpty();
  }

  @Test
  void nullSenderFailureGoesToThePostmasterWhenConfigured() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(Notify.NEVER), null);
    OutboundMessage bounce = message(envelope(null, List.of(bob), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null));

    tell(bouncer(new DoubleBounce.ToPostmaster(POSTMASTER)), bounce, bob, Event.FAILED);

    QueueEntry notice = single();
    assertThat(notice.envelope().reversePath()).isNull();
    assertThat(notice.envelope().recipients()).containsExactly(new Recipient(POSTMASTER, Set.of(Notify.NEVER), null));
    ParsedDsn dsn = ParsedDsn.parse(content(notice));
    assertThat(dsn.headers()).containsEntry("to", "<postmaster@sealpost.example>")
        .containsEntry("subject", "Postmaster Notice: Undelivered Bounce");
    assertThat(dsn.parts().get(2).contentType()).isEqualTo("text/rfc822-headers");
  }

  @Test
  void nullSenderDelayAndSuccessNeverReachAnyone() throws IOException {
    Recipient bob = recipient("bob@example.net", EnumSet.of(Notify.SUCCESS, Notify.DELAY), null);
    OutboundMessage bounce = message(envelope(null, List.of(bob), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null));
    Bouncer bouncer = bouncer(new DoubleBounce.ToPostmaster(POSTMASTER));

    tell(bouncer, bounce, bob, Event.DELAYED);
    tell(bouncer, bounce, bob, Event.DELIVERED);

    assertThat(spool.list()).isEmpty();
  }

  @Test
  void failedNoticeToThePostmasterIsNotBouncedAgain() throws IOException {
    Recipient postmaster = new Recipient(POSTMASTER, Set.of(Notify.NEVER), null);
    OutboundMessage notice = message(envelope(null, List.of(postmaster), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null));

    tell(bouncer(new DoubleBounce.ToPostmaster(POSTMASTER)), notice, postmaster, Event.FAILED);

    assertThat(spool.list()).isEmpty();
  }

  @Test
  void requireTlsMessageGetsARequireTlsHeadersOnlyDsn() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    OutboundMessage m = message(envelope("alice@example.org", List.of(bob), Ret.FULL, TlsRequirement.REQUIRE_TLS, false, null));

    tell(bouncer(new DoubleBounce.LogOnly()), m, bob, Event.FAILED);

    QueueEntry dsn = single();
    // RT-35: the report travels with REQUIRETLS; RT-36: RET=FULL is ignored, headers only.
    assertThat(dsn.envelope().tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
    ParsedDsn parsed = ParsedDsn.parse(content(dsn));
    assertThat(parsed.parts().get(2).contentType()).isEqualTo("text/rfc822-headers");
    assertThat(content(dsn)).doesNotContain(BODY_MARKER);
  }

  @Test
  void requireTlsDelayReportIsRequireTlsToo() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    OutboundMessage m = message(envelope("alice@example.org", List.of(bob), Ret.FULL, TlsRequirement.REQUIRE_TLS, false, null));

    tell(bouncer(new DoubleBounce.LogOnly()), m, bob, Event.DELAYED);

    // RT-39: delay reports get the same handling.
    assertThat(single().envelope().tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
  }

  @Test
  void tlsOptionalMessageGetsAnUntaggedDsn() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    OutboundMessage m = message(envelope("alice@example.org", List.of(bob), Ret.FULL, TlsRequirement.TLS_OPTIONAL, false, null));

    tell(bouncer(new DoubleBounce.LogOnly()), m, bob, Event.FAILED);

    QueueEntry dsn = single();
    assertThat(dsn.envelope().tlsRequirement()).isEqualTo(TlsRequirement.UNSPECIFIED);
    assertThat(content(dsn)).contains(BODY_MARKER); // RET=FULL honoured without REQUIRETLS
  }

  @Test
  void smtpUtf8MessageGetsAnSmtpUtf8EightBitDsn() throws IOException {
    Recipient dorte = recipient("dörte@example.net", Set.of(), null);
    OutboundMessage m = message(envelope("jörg@bücher.example", List.of(dorte), Ret.HDRS, TlsRequirement.UNSPECIFIED, true, null));

    tell(bouncer(new DoubleBounce.LogOnly()), m, dorte, Event.FAILED);

    Envelope dsn = single().envelope();
    assertThat(dsn.smtpUtf8()).isTrue();
    assertThat(dsn.body()).isEqualTo(BodyType.EIGHT_BIT_MIME);
    assertThat(dsn.recipients().getFirst().address().localPart()).isEqualTo("jörg");
  }

  @Test
  void repeatedDelayNoticesDoNotCrash() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    OutboundMessage m = message(envelope("alice@example.org", List.of(bob), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null));
    Bouncer bouncer = bouncer(new DoubleBounce.LogOnly());

    tell(bouncer, m, bob, Event.DELAYED);
    tell(bouncer, m, bob, Event.DELAYED);

    // Telling once per recipient is the queue runner's job; a repeat only makes another report.
    assertThat(spool.list()).hasSize(2).allSatisfy(e -> assertThat(e.envelope().reversePath()).isNull());
  }

  @Test
  void deferredOutcomeInFinishedIsIgnored() throws IOException {
    Recipient bob = recipient("bob@example.net", Set.of(), null);
    OutboundMessage m = message(envelope("alice@example.org", List.of(bob), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null));

    bouncer(new DoubleBounce.LogOnly()).finished(m, List.of(outcome(bob, deferred("4.4.1", null, "timeout", null))), ATTEMPT);

    assertThat(spool.list()).isEmpty();
  }

  private static void tell(Bouncer bouncer, OutboundMessage m, Recipient r, Event event) throws IOException {
    DeliveryOutcome o = switch (event) {
      case FAILED -> failed("5.1.1", "550 5.1.1 no such user", "the remote server rejected the recipient", HOP);
      case DELAYED -> deferred("4.4.1", null, "connection timed out", HOP);
      case DELIVERED -> delivered(null);
    };
    if (event == Event.DELAYED) {
      bouncer.delayed(m, List.of(outcome(r, o)), ATTEMPT, RETRY_UNTIL);
    } else {
      bouncer.finished(m, List.of(outcome(r, o)), ATTEMPT);
    }
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
