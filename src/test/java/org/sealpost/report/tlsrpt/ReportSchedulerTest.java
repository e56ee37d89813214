package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.MailAddress;
import org.sealpost.queue.Spool;

/** RPT-5: once per UTC day, after a random delay; RPT-1: only to domains that publish a record. */
@TestMethodOrder(MethodOrderer.Random.class)
class ReportSchedulerTest {

  private static final Instant MIDNIGHT = Sessions.DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Sessions.at(12, 0));
  private final TxtResolver dns = new TxtResolver()
      .txt("_smtp._tls.company-y.example", "v=spf1 -all", "v=TLSRPTv1; rua=https://r.company-y.example/x");
  private final List<Post> posts = new ArrayList<>();
  private Spool spool;
  private ResultStore store;

  private record Post(java.net.URI uri, String json) {}

  @BeforeEach
  void open() throws Exception {
    spool = Spool.open(dir.resolve("spool"), clock);
    store = ResultStore.open(dir.resolve("tlsrpt"));
    Sessions.mixedDay().forEach(store::sessionEnded);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    spool.close();
  }

  /** A scheduler whose random delay is always {@code delay}. */
  private ReportScheduler scheduler(Duration delay) throws Exception {
    RandomGenerator fixed = new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public long nextLong(long bound) {
        return delay.toSeconds();
      }
    };
    return scheduler(fixed);
  }

  private ReportScheduler scheduler(RandomGenerator random) throws Exception {
    ReportSender sender = new ReportSender(spool.intake(), (target, gz) -> {
      posts.add(new Post(target, ReportFiles.gunzip(gz)));
      return new PostResult.Accepted(200);
    }, new Outbox(dir.resolve("tlsrpt")).open(), MailAddress.parse("postmaster@mx.sender.example"),
        "mx.sender.example", clock);
    return new ReportScheduler(store, ReportBuilderTest.BUILDER, sender, dns, Duration.ofHours(4),
        dir.resolve("tlsrpt"), clock, random);
  }

  @Test
  void sendsTheDayOnceAfterItsRandomDelay() throws Exception {
    ReportScheduler scheduler = scheduler(Duration.ofMinutes(90));
    scheduler.runDue(); // the day is not over
    clock.advance(Duration.between(clock.instant(), MIDNIGHT.plus(Duration.ofMinutes(89))));
    scheduler.runDue(); // over, but the delay has not passed
    assertThat(posts).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    scheduler.runDue();
    assertThat(posts).singleElement().satisfies(p -> {
      assertThat(p.uri()).hasToString("https://r.company-y.example/x");
      assertThat(p.json()).contains("\"report-id\" : \"2026-11-28.company-y.example@mx.sender.example\"");
    });
    clock.advance(Duration.ofHours(6));
    scheduler.runDue();
    assertThat(posts).hasSize(1);
    assertThat(scheduler.lastReported()).contains(Sessions.DAY);
  }

  @Test
  void resultsAndReportsOlderThanAMonthArePruned() throws Exception {
    ReportScheduler scheduler = scheduler(Duration.ZERO);
    clock.advance(Duration.ofDays(1));
    scheduler.runDue();
    assertThat(store.days()).contains(Sessions.DAY);
    assertThat(dir.resolve("tlsrpt/reports").toFile().list()).hasSize(1);
    clock.advance(Duration.ofDays(ReportScheduler.KEEP_DAYS - 1));
    scheduler.runDue();
    assertThat(store.days()).contains(Sessions.DAY); // KEEP_DAYS old today: still kept
    clock.advance(Duration.ofDays(1));
    scheduler.runDue();
    assertThat(store.days()).doesNotContain(Sessions.DAY);
    assertThat(dir.resolve("tlsrpt/reports").toFile().list()).isEmpty();
  }

  @Test
  void aRestartDoesNotSendTheDayAgain() throws Exception {
    clock.advance(Duration.ofDays(1));
    scheduler(Duration.ZERO).runDue();
    scheduler(Duration.ZERO).runDue();
    assertThat(posts).hasSize(1);
  }

  @Test
  void theRandomDelayStaysWithinMaxDelay() throws Exception {
    ReportScheduler real = scheduler(RandomGenerator.of("L64X128MixRandom"));
    for (int i = 0; i < 200; i++) {
      Instant due = real.due(Sessions.DAY.plusDays(i));
      Instant midnight = Sessions.DAY.plusDays(i + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
      assertThat(due).isBetween(midnight, midnight.plus(Duration.ofHours(4)));
    }
  }

  /** RPT-1: no valid record, no report; a DNS failure is not taken for "no record" but skipped. */
  @Test
  void domainsWithoutAValidRecordGetNoReport() throws Exception {
    dns.txt("_smtp._tls.dane.example", "v=TLSRPTv1; rua=ftp://nowhere.example/");
    clock.advance(Duration.ofDays(1));
    ReportScheduler scheduler = scheduler(Duration.ZERO);
    assertThat(scheduler.reportDay(Sessions.DAY)).isEqualTo(1);
    assertThat(dns.questions).isEqualTo(2);
    dns.servfail("_smtp._tls.company-y.example");
    assertThat(scheduler.reportDay(Sessions.DAY)).isZero();
  }

  @Test
  void todayIsNeverReportedEarly() throws Exception {
    clock.advance(Duration.ofDays(1));
    store.sessionEnded(Sessions.stsOk(clock.instant(), "mx1.mail.company-y.example", "203.0.113.1"));
    scheduler(Duration.ZERO).runDue();
    assertThat(posts).singleElement()
        .satisfies(p -> assertThat(p.json()).contains("\"start-datetime\" : \"2026-11-28T00:00:00Z\""));
  }
}
