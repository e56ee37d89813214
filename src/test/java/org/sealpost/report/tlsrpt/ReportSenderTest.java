package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.Spool;
import org.sealpost.tls.TestPki;

@TestMethodOrder(MethodOrderer.Random.class)
class ReportSenderTest {

  private static final Instant START = Instant.parse("2026-11-29T02:00:00Z");

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(START);
  private Spool spool;

  @BeforeEach
  void open() throws Exception {
    spool = Spool.open(dir.resolve("spool"), clock);
  }

  @AfterEach
  void close() throws Exception {
    spool.close();
  }

  private ReportSender sender(ReportPoster poster) throws Exception {
    return new ReportSender(spool.intake(), poster, new Outbox(dir.resolve("tlsrpt")).open(),
        MailAddress.parse("postmaster@mx.sender.example"), "mx.sender.example", clock);
  }

  private static TlsReport report() {
    return ReportBuilderTest.BUILDER.build(DayResults.of(Sessions.DAY, Sessions.mixedDay()), Sessions.STS_DOMAIN);
  }

  private static RuaRecord rua(String uris) {
    return ((RuaRecord.Parsed.Found) RuaRecord.parse(List.of("v=TLSRPTv1; rua=" + uris))).record();
  }

  /** RPT-7 [I]: queued as TLS-Required: No, from <>, marked as a report so it is never reported. */
  @Test
  void mailtoReportIsQueuedTlsOptionalFromTheNullPath() throws Exception {
    sender(ReportSenderTest::unused).send(report(), rua("mailto:tlsrpt@company-y.example"));
    List<QueueEntry> queued = Spool.inspect(dir.resolve("spool"));
    assertThat(queued).singleElement().satisfies(entry -> {
      Envelope e = entry.envelope();
      assertThat(e.hasNullReversePath()).isTrue();
      assertThat(e.tlsRequirement()).isEqualTo(TlsRequirement.TLS_OPTIONAL);
      assertThat(e.client().listener()).isEqualTo(TlsSessionListener.REPORT_LISTENER);
      assertThat(TlsSessionListener.reportable(e)).isFalse();
      assertThat(e.recipients()).singleElement().satisfies(r -> {
        assertThat(r.address()).isEqualTo(MailAddress.parse("tlsrpt@company-y.example"));
        assertThat(r.notifyOn()).isEqualTo(Set.of(Notify.NEVER));
      });
      try (InputStream in = entry.openContent()) {
        ReportMessage m = ReportMessage.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertThat(ReportFiles.gunzip(m.parts().get(1).decodedBody())).isEqualTo(report().json());
      }
    });
    assertThat(new Outbox(dir.resolve("tlsrpt")).all()).isEmpty();
  }

  /** RPT-8, RPT-9: a 500 is retried after the backoff, by a sender started after a restart. */
  @Test
  void httpsReportIsRetriedAfterA500AndSurvivesARestart() throws Exception {
    TestPki pki = TestPki.create();
    Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
    try (ReportEndpoint endpoint = ReportEndpoint.start(pki, "127.0.0.61").answer(500)) {
      sender(HttpsPoster.create(ca)).send(report(), rua(endpoint.uri().toString()));
      assertThat(endpoint.take(5)).isNotNull();
      List<PendingDelivery> pending = new Outbox(dir.resolve("tlsrpt")).all();
      assertThat(pending).singleElement().satisfies(p -> {
        assertThat(p.attempts()).isEqualTo(1);
        assertThat(p.nextAttempt()).isEqualTo(START.plus(PendingDelivery.FIRST_WAIT));
      });

      ReportSender restarted = sender(HttpsPoster.create(ca));
      clock.advance(Duration.ofMinutes(4));
      restarted.retryDue();
      assertThat(endpoint.received()).isZero();
      clock.advance(Duration.ofMinutes(1));
      restarted.retryDue();
      ReportEndpoint.Post post = endpoint.take(5);
      assertThat(post).isNotNull();
      assertThat(post.contentType()).isEqualTo("application/tlsrpt+gzip");
      assertThat(ReportFiles.gunzip(post.body())).isEqualTo(report().json());
      assertThat(new Outbox(dir.resolve("tlsrpt")).all()).isEmpty();
    }
  }

  /** RPT-8 (our choice): a certificate that does not verify is a failed attempt, retried. */
  @Test
  void httpsReceiverWithUntrustedCertificateIsNotSentTheReport() throws Exception {
    Path otherCa = TestPki.create().writeCaPem(dir.resolve("other-ca.pem"));
    try (ReportEndpoint endpoint = ReportEndpoint.start(TestPki.create(), "127.0.0.62")) {
      sender(HttpsPoster.create(otherCa)).send(report(), rua(endpoint.uri().toString()));
      assertThat(endpoint.received()).isZero();
      assertThat(new Outbox(dir.resolve("tlsrpt")).all()).singleElement()
          .satisfies(p -> assertThat(p.attempts()).isEqualTo(1));
    }
  }

  /** RPT-9: exponential backoff, and no attempt later than 24 h after the first. */
  @Test
  void givesUpAfterADayOfDoublingWaits() throws Exception {
    List<Instant> attempts = new ArrayList<>();
    ReportSender sender = sender((target, gz) -> {
      attempts.add(clock.instant());
      return new PostResult.Refused(503);
    });
    sender.send(report(), rua("https://r.company-y.example/tlsrpt"));
    while (sender.nextDue().isPresent()) {
      clock.advance(Duration.between(clock.instant(), sender.nextDue().get()));
      sender.retryDue();
    }
    assertThat(attempts.getFirst()).isEqualTo(START);
    assertThat(attempts.getLast()).isBefore(START.plus(Duration.ofHours(24)).plusSeconds(1));
    List<Duration> waits = new ArrayList<>();
    for (int i = 1; i < attempts.size(); i++) {
      waits.add(Duration.between(attempts.get(i - 1), attempts.get(i)));
    }
    assertThat(waits.subList(0, 5)).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofMinutes(80));
    assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(PendingDelivery.LONGEST_WAIT));
    assertThat(attempts.size()).isBetween(8, 15);
  }

  /** Each rua gets the report once: mail and HTTPS side by side, one failure not holding the other. */
  @Test
  void everyRuaIsServedIndependently() throws Exception {
    List<URI> posted = new ArrayList<>();
    ReportSender sender = sender((target, gz) -> {
      posted.add(target);
      return new PostResult.Unreachable("connection refused");
    });
    sender.send(report(), rua("https://r.company-y.example/a, mailto:tlsrpt@company-y.example"));
    assertThat(posted).containsExactly(URI.create("https://r.company-y.example/a"));
    assertThat(Spool.inspect(dir.resolve("spool"))).hasSize(1);
    assertThat(new Outbox(dir.resolve("tlsrpt")).all()).singleElement()
        .satisfies(p -> assertThat(p.rua()).isEqualTo("https://r.company-y.example/a"));
  }

  private static PostResult unused(URI target, byte[] gz) {
    throw new AssertionError("no POST expected");
  }
}
