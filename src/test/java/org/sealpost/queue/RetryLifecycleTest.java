package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.queue.ScriptedDeliverer.deferred;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.QueueId;

/** The whole retry schedule, run on a manual clock (SMTP-5): days of queue life in milliseconds. */
@TestMethodOrder(MethodOrderer.Random.class)
class RetryLifecycleTest {

  @TempDir Path dir;
  RunnerHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new RunnerHarness(dir);
    h.deliverer.answer("remote:dead.test", r -> deferred());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private List<Duration> attemptOffsets() {
    return h.deliverer.calls.stream()
        .map(c -> Duration.between(RunnerHarness.START, c.at()))
        .toList();
  }

  @Test
  void fullScheduleRunsToExpiryAndBouncesWithDeliveryTimeExpired() throws Exception { // SMTP-5
    long began = System.nanoTime();
    QueueId id = h.submit("alice@example.org", "bob@dead.test");
    h.awaitIdle();
    while (h.runNextAttempt()) {
      // each turn: clock to the next due time, one attempt
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);

    // 0, +5m, +10m, +30m, +1h, +2h, then every 4h from 7h45m; the last pulled in to exactly 5d.
    List<Duration> offsets = attemptOffsets();
    assertThat(offsets.subList(0, 8)).containsExactly(
        Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(45),
        Duration.ofMinutes(105), Duration.ofMinutes(225), Duration.ofMinutes(465),
        Duration.ofMinutes(465 + 240));
    assertThat(offsets.getLast()).isEqualTo(Duration.ofDays(5));
    assertThat(offsets).hasSize(36).isSorted().doesNotHaveDuplicates();

    assertThat(h.reports.finished).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(id);
      DeliveryOutcome o = r.outcomes().getFirst().outcome();
      assertThat(o).isInstanceOf(DeliveryOutcome.Failed.class);
      assertThat(o.status()).isEqualTo(EnhancedStatus.of("5.4.7"));
      assertThat(o.reason()).startsWith("delivery time expired after 5d")
          .contains("connection refused by all MX hosts");
    });
    assertThat(h.names("deferred")).isEmpty();
    assertThat(h.names("status")).isEmpty();
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void delayNoticeIsSentOnceAfterTheThreshold() throws Exception {
    QueueId id = h.submit("alice@example.org", "bob@dead.test", "carol@example.net");
    h.awaitIdle();
    h.advance(Duration.ofHours(3)); // one catch-up attempt at 3h, before the threshold
    assertThat(h.reports.delayed).isEmpty();

    while (h.reports.delayed.isEmpty() && h.runNextAttempt()) {
      // until the first pass at or after delay_notice_after (4h)
    }
    assertThat(h.reports.delayed).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(id);
      assertThat(r.outcomes()).extracting(o -> o.recipient().address().toString())
          .containsExactly("bob@dead.test"); // carol was delivered at once
      assertThat(r.at()).isAfterOrEqualTo(RunnerHarness.START.plus(Duration.ofHours(4)));
    });
    assertThat(h.reports.delayedUntil).containsExactly(RunnerHarness.START.plus(Duration.ofDays(5)));
    assertThat(h.status(id).recipients().getFirst().delayNoticeSent()).isTrue();

    for (int i = 0; i < 5; i++) {
      h.runNextAttempt();
    }
    assertThat(h.reports.delayed).hasSize(1);
  }

  @Test
  void delayNoticeThatFailsIsSentAtTheNextPass() throws Exception {
    QueueId id = h.submit("alice@example.org", "bob@dead.test");
    h.awaitIdle();
    // Armed before the clock moves: once it does, the scheduler may start the pass on its own.
    h.reports.failNext(1);
    h.advance(Duration.between(h.clock.instant(), RunnerHarness.START.plus(Duration.ofHours(4))));
    assertThat(h.reports.delayed).isEmpty();
    assertThat(h.status(id).recipients().getFirst().delayNoticeSent()).isFalse();

    h.runNextAttempt();
    assertThat(h.reports.delayed).hasSize(1);
  }

  @Test
  void nullSenderMessageIsDroppedAfterTheBounceLifetime() throws Exception { // SMTP-6
    QueueId id = h.submit(null, "bob@dead.test");
    h.awaitIdle();
    while (h.runNextAttempt()) {
      // run out the schedule
    }

    assertThat(h.deliverer.calls.getLast().at()).isEqualTo(RunnerHarness.START.plus(Duration.ofDays(2)));
    assertThat(h.reports.finished).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(id);
      assertThat(r.outcomes().getFirst().outcome().status()).isEqualTo(EnhancedStatus.of("5.4.7"));
      assertThat(r.outcomes().getFirst().outcome().reason()).startsWith("delivery time expired after 2d");
    });
    assertThat(h.names("deferred")).isEmpty();
  }

  @Test
  void messageFoundPastItsLifetimeGetsOneLastAttemptThenExpires() throws Exception {
    QueueId id = h.submit("alice@example.org", "bob@dead.test");
    h.awaitIdle();
    h.restart(); // e.g. the server was down for a week
    h.clock.advance(Duration.ofDays(7));
    h.runner.flush();
    h.awaitIdle();

    assertThat(h.deliverer.calls).hasSize(2);
    assertThat(h.reports.finished).singleElement()
        .satisfies(r -> assertThat(r.outcomes().getFirst().outcome().status().toString())
            .isEqualTo("5.4.7"));
    assertThat(h.spool.find(id)).isEmpty();
  }

  @Test
  void deferredMessageWaitsForItsNextAttempt() throws Exception {
    h.submit("alice@example.org", "bob@dead.test");
    h.awaitIdle();
    h.advance(Duration.ofMinutes(4));
    assertThat(h.deliverer.calls).hasSize(1);
    h.advance(Duration.ofMinutes(1));
    assertThat(h.deliverer.calls).hasSize(2);
    assertThat(h.runner.nextDue())
        .isEqualTo(RunnerHarness.START.plus(Duration.ofMinutes(15)));
  }
}
