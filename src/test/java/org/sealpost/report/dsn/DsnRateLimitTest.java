package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.mail.MailAddress;
import org.sealpost.report.dsn.DsnRateLimit.Verdict;

/** SEC-10: the sliding-window caps on DSNs to unauthenticated senders. */
@TestMethodOrder(MethodOrderer.Random.class)
class DsnRateLimitTest {

  private static final MailAddress ALICE = MailAddress.parse("alice@example.org");
  private static final MailAddress BOB = MailAddress.parse("bob@example.net");

  /** A clock the test moves by hand. */
  static final class Clock implements InstantSource {
    Instant now = Instant.parse("2025-03-14T09:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final Clock clock = new Clock();

  @Test
  void perSenderCapHoldsForAnHourThenFrees() {
    DsnRateLimit limit = new DsnRateLimit(3, 0, clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limit.admit(ALICE)).isEqualTo(Verdict.ADMITTED);
      clock.advance(Duration.ofMinutes(10));
    }
    assertThat(limit.admit(ALICE)).isEqualTo(Verdict.SENDER_LIMIT);
    assertThat(limit.admit(BOB)).as("another sender has its own quota").isEqualTo(Verdict.ADMITTED);
    // Sliding: the first DSN (t=0) leaves the window at t=60m, freeing one slot, not three.
    clock.advance(Duration.ofMinutes(30)); // t=60m
    assertThat(limit.admit(ALICE)).isEqualTo(Verdict.ADMITTED);
    assertThat(limit.admit(ALICE)).isEqualTo(Verdict.SENDER_LIMIT);
  }

  @Test
  void globalCapCountsAllSendersPerMinute() {
    DsnRateLimit limit = new DsnRateLimit(0, 2, clock);
    assertThat(limit.admit(ALICE)).isEqualTo(Verdict.ADMITTED);
    assertThat(limit.admit(BOB)).isEqualTo(Verdict.ADMITTED);
    assertThat(limit.admit(MailAddress.parse("carol@example.com"))).isEqualTo(Verdict.GLOBAL_LIMIT);
    clock.advance(Duration.ofSeconds(61));
    assertThat(limit.admit(ALICE)).isEqualTo(Verdict.ADMITTED);
  }

  @Test
  void aRefusalTakesNoQuota() {
    DsnRateLimit limit = new DsnRateLimit(1, 1, clock);
    assertThat(limit.admit(ALICE)).isEqualTo(Verdict.ADMITTED);
    assertThat(limit.admit(BOB)).isEqualTo(Verdict.GLOBAL_LIMIT);
    clock.advance(Duration.ofMinutes(2));
    // Bob's refused DSN did not count against his own hourly quota.
    assertThat(limit.admit(BOB)).isEqualTo(Verdict.ADMITTED);
  }

  @Test
  void zeroMeansNoCap() {
    DsnRateLimit limit = new DsnRateLimit(0, 0, clock);
    for (int i = 0; i < 10_000; i++) {
      assertThat(limit.admit(ALICE)).isEqualTo(Verdict.ADMITTED);
    }
    assertThat(limit.trackedSenders()).isZero();
  }

  @Test
  void sendersWhoseWindowEmptiedAreForgotten() {
    DsnRateLimit limit = new DsnRateLimit(5, 0, clock);
    for (int i = 0; i < 1000; i++) {
      limit.admit(MailAddress.parse("user" + i + "@example.org"));
    }
    assertThat(limit.trackedSenders()).isEqualTo(1000);
    clock.advance(Duration.ofHours(2));
    limit.admit(ALICE);
    assertThat(limit.trackedSenders()).isEqualTo(1);
  }

  @Test
  void refusesNegativeCaps() {
    assertThatThrownBy(() -> new DsnRateLimit(-1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DsnRateLimit(0, -1, clock)).isInstanceOf(IllegalArgumentException.class);
  }
}
