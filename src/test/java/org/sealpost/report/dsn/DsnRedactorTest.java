package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sealpost.report.dsn.DsnFixtures.ATTEMPT;
import static org.sealpost.report.dsn.DsnFixtures.HOP;
import static org.sealpost.report.dsn.DsnFixtures.HOST;
import static org.sealpost.report.dsn.DsnFixtures.NOW;
import static org.sealpost.report.dsn.DsnFixtures.content;
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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.Spool;

/** RT-38(a), SEC-13: our REQUIRETLS DSN, when no compliant route exists, goes out redacted. */
@TestMethodOrder(MethodOrderer.Random.class)
class DsnRedactorTest {

  @TempDir Path dir;

  @Test
  void redactingAComposedDsnGivesTheComposedRedactedForm() throws IOException {
    String full = DsnFixtures.compose(DsnFixtures.composer(), DsnComposerGoldenTest.requireTlsReport());
    String redacted = DsnFixtures.composeRedacted(DsnFixtures.composer(), DsnComposerGoldenTest.requireTlsReport());

    byte[] derived = new DsnRedactor(HOST, () -> "t2").redact(full.getBytes(StandardCharsets.UTF_8));

    assertThat(new String(derived, StandardCharsets.UTF_8)).isEqualTo(redacted);
  }

  @Test
  void queuedRequireTlsDsnIsRedactedAndLosesItsTag() throws IOException {
    QueueEntry queued;
    try (Spool spool = Spool.open(dir, InstantSource.fixed(NOW))) {
      Recipient bob = recipient("bob@example.net", Set.of(), null);
      OutboundMessage original = message(envelope("alice@example.org", List.of(bob), Ret.FULL, TlsRequirement.REQUIRE_TLS, false, null));
      new Bouncer(spool.intake(), DsnFixtures.composer(), InstantSource.fixed(NOW), new DoubleBounce.LogOnly(),
          DsnRateLimit.unlimited())
          .finished(original, List.of(outcome(bob, failed("5.7.30", null, "no MX offers REQUIRETLS", HOP))), ATTEMPT);
      queued = spool.list().getFirst();
      assertThat(DsnRedactor.applies(queued.envelope())).isTrue();

      OutboundMessage dsn = new OutboundMessage(queued.envelope(), content(read(queued)));
      OutboundMessage redacted = new DsnRedactor(HOST).redact(dsn);

      Envelope e = redacted.envelope();
      assertThat(e.tlsRequirement()).isEqualTo(TlsRequirement.UNSPECIFIED);
      assertThat(e.queueId()).isEqualTo(queued.queueId());
      assertThat(e.reversePath()).isNull();
      assertThat(e.recipients()).isEqualTo(queued.envelope().recipients());
      String text;
      try (InputStream in = redacted.content().open()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(redacted.content().size()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
      ParsedDsn parsed = ParsedDsn.parse(text);
      assertThat(parsed.parts()).extracting(ParsedDsn.Part::contentType)
          .containsExactly("text/plain; charset=us-ascii", "message/delivery-status");
      assertThat(text).doesNotContain("Quarterly figures").doesNotContain("m1@example.org");
      assertThat(DsnComposerGoldenTest.unfold(parsed.parts().getFirst().body())).contains("This report is redacted.");
      assertThat(parsed.recipientGroups()).singleElement()
          .satisfies(g -> assertThat(g).containsEntry("status", "5.7.30"));
      assertThat(parsed.headers().get("message-id")).isNotEqualTo(ParsedDsn.parse(read(queued)).headers().get("message-id"));
    }
  }

  @Test
  void appliesOnlyToOurOwnRequireTlsReports() {
    Recipient alice = recipient("alice@example.org", Set.of(), null);
    Envelope foreignBounce = envelope(null, List.of(alice), Ret.NOT_GIVEN, TlsRequirement.REQUIRE_TLS, false, null);
    Envelope ours = withClient(foreignBounce, new ClientInfo("127.0.0.1", 0, HOST, "dsn", null, null));
    Envelope oursUntagged = withClient(
        envelope(null, List.of(alice), Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, false, null),
        new ClientInfo("127.0.0.1", 0, HOST, "dsn", null, null));

    assertThat(DsnRedactor.applies(ours)).isTrue();
    // RT-38(b): someone else's <> REQUIRETLS message is relayed unchanged, never edited.
    assertThat(DsnRedactor.applies(foreignBounce)).isFalse();
    assertThat(DsnRedactor.applies(oursUntagged)).isFalse();
    assertThatThrownBy(() -> new DsnRedactor(HOST).redact(new OutboundMessage(foreignBounce, content("x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesContentThatIsNotOurDsn() {
    Recipient alice = recipient("alice@example.org", Set.of(), null);
    Envelope ours = withClient(envelope(null, List.of(alice), Ret.NOT_GIVEN, TlsRequirement.REQUIRE_TLS, false, null),
        new ClientInfo("127.0.0.1", 0, HOST, "dsn", null, null));

    assertThatThrownBy(() -> new DsnRedactor(HOST).redact(new OutboundMessage(ours, content(DsnFixtures.CONTENT))))
        .isInstanceOf(IOException.class).hasMessageContaining("not a DSN composed by Sealpost");
  }

  private static Envelope withClient(Envelope e, ClientInfo client) {
    return new Envelope(e.queueId(), e.arrival(), client, e.reversePath(), e.recipients(), e.body(), e.smtpUtf8(),
        e.declaredSize(), e.envId(), e.ret(), e.tlsRequirement(), e.verificationFloor());
  }

  private static String read(QueueEntry entry) throws IOException {
    try (InputStream in = entry.openContent()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
