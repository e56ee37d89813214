package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.report.dsn.DsnFixtures.ATTEMPT;
import static org.sealpost.report.dsn.DsnFixtures.BODY_MARKER;
import static org.sealpost.report.dsn.DsnFixtures.CONTENT;
import static org.sealpost.report.dsn.DsnFixtures.HOP;
import static org.sealpost.report.dsn.DsnFixtures.HOST;
import static org.sealpost.report.dsn.DsnFixtures.NOW;
import static org.sealpost.report.dsn.DsnFixtures.RETRY_UNTIL;
import static org.sealpost.report.dsn.DsnFixtures.deferred;
import static org.sealpost.report.dsn.DsnFixtures.envelope;
import static org.sealpost.report.dsn.DsnFixtures.failed;
import static org.sealpost.report.dsn.DsnFixtures.outcome;
import static org.sealpost.report.dsn.DsnFixtures.recipient;
import static org.sealpost.report.dsn.DsnFixtures.unauthenticated;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.Spool;

/**
 * SEC-10 in the Bouncer: remote senders' DSNs are capped, authenticated senders' and the
 * postmaster's never; RET=FULL returns only messages up to the configured size.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class BackscatterTest {

  private static final Recipient BOB = recipient("bob@example.net", Set.of(), null);

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

  private Bouncer bouncer(int perSender, int perMinute, DoubleBounce doubleBounce) {
    return new Bouncer(spool.intake(), DsnFixtures.composer(), InstantSource.fixed(NOW), doubleBounce,
        new DsnRateLimit(perSender, perMinute, InstantSource.fixed(NOW)));
  }

  private static OutboundMessage fromRemote(String sender) {
    return DsnFixtures.message(unauthenticated(
        envelope(sender, List.of(BOB), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null)));
  }

  private static void fail(Bouncer b, OutboundMessage m) throws IOException {
    b.finished(m, List.of(outcome(BOB, failed("5.1.1", "550 5.1.1 no such user", "rejected", HOP))), ATTEMPT);
  }

  @Test
  void remoteSenderGetsNoMoreThanItsHourlyCap() throws IOException {
    Bouncer b = bouncer(2, 0, new DoubleBounce.LogOnly());
    for (int i = 0; i < 5; i++) {
      fail(b, fromRemote("victim@forged.example"));
    }
    assertThat(spool.list()).hasSize(2);
    fail(b, fromRemote("other@example.com"));
    assertThat(spool.list()).hasSize(3);
  }

  @Test
  void globalCapStopsAFloodOfForgedSenders() throws IOException {
    Bouncer b = bouncer(0, 3, new DoubleBounce.LogOnly());
    for (int i = 0; i < 10; i++) {
      fail(b, fromRemote("victim" + i + "@forged.example"));
    }
    assertThat(spool.list()).hasSize(3);
  }

  @Test
  void delayNoticesCountAgainstTheSameCap() throws IOException {
    Bouncer b = bouncer(1, 0, new DoubleBounce.LogOnly());
    OutboundMessage m = fromRemote("victim@forged.example");
    b.delayed(m, List.of(outcome(BOB, deferred("4.4.1", null, "timeout", HOP))), ATTEMPT, RETRY_UNTIL);
    fail(b, m);
    assertThat(spool.list()).hasSize(1);
  }

  @Test
  void authenticatedSenderNeverLosesADsnToTheCap() throws IOException {
    // The fixture envelope came in on submission, authenticated as alice.
    Bouncer b = bouncer(1, 1, new DoubleBounce.LogOnly());
    OutboundMessage local = DsnFixtures.message(
        envelope("alice@example.org", List.of(BOB), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null));
    fail(b, fromRemote("victim@forged.example")); // uses up the whole quota
    for (int i = 0; i < 5; i++) {
      fail(b, local);
    }
    assertThat(spool.list()).hasSize(6);
  }

  @Test
  void doubleBouncesToThePostmasterAreNotCapped() throws IOException {
    MailAddress postmaster = MailAddress.parse("postmaster@sealpost.example");
    Bouncer b = bouncer(1, 1, new DoubleBounce.ToPostmaster(postmaster));
    fail(b, fromRemote("victim@forged.example"));
    OutboundMessage bounce = DsnFixtures.message(unauthenticated(
        envelope(null, List.of(BOB), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null)));
    for (int i = 0; i < 3; i++) {
      fail(b, bounce);
    }
    assertThat(spool.list()).hasSize(4);
  }

  @Test
  void retFullReturnsASmallMessageWhole() throws IOException {
    assertThat(dsnFor(CONTENT.length())).contains(BODY_MARKER).contains("message/rfc822");
  }

  @Test
  void retFullReturnsOnlyHeadersOfAMessageOverTheLimit() throws IOException {
    // SEC-10: RET=HDRS by default for large messages, even when the sender asked for FULL.
    String dsn = dsnFor(CONTENT.length() - 1);
    assertThat(dsn).doesNotContain(BODY_MARKER).contains("text/rfc822-headers").contains("Subject: Quarterly figures");
  }

  private String dsnFor(long maxFullReturn) throws IOException {
    DsnComposer composer = new DsnComposer(HOST, InstantSource.fixed(NOW), DsnFixtures.tokens(), maxFullReturn);
    Bouncer b = new Bouncer(spool.intake(), composer, InstantSource.fixed(NOW), new DoubleBounce.LogOnly(),
        DsnRateLimit.unlimited());
    Envelope e = envelope("alice@example.org", List.of(BOB), Ret.FULL, TlsRequirement.UNSPECIFIED, false, null);
    fail(b, DsnFixtures.message(e));
    List<QueueEntry> entries = spool.list();
    assertThat(entries).hasSize(1);
    try (InputStream in = entries.getFirst().openContent()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
