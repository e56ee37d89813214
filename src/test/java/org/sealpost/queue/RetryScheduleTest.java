package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sealpost.config.Defaults;
import org.sealpost.config.QueueConfig;
import org.sealpost.mail.Envelope;

@TestMethodOrder(MethodOrderer.Random.class)
class RetryScheduleTest {

  static final Instant ARRIVAL = Instant.parse("2025-03-14T10:00:00Z");
  static final RetrySchedule DEFAULTS = new RetrySchedule(Defaults.queue());
  static final Envelope MAIL = RunnerHarness.envelope(TestEnvelopes.id(1), ARRIVAL, "a@example.org", "b@example.net");
  static final Envelope BOUNCE = RunnerHarness.envelope(TestEnvelopes.id(2), ARRIVAL, null, "a@example.org");

  @ParameterizedTest(name = "after attempt {0}: wait {1}")
  @CsvSource({"1, PT5M", "2, PT10M", "3, PT30M", "4, PT1H", "5, PT2H", "6, PT4H", "7, PT4H", "500, PT4H"})
  void intervalsBackOffThenRepeatTheLast(int attempts, Duration wait) { // SMTP-5
    assertThat(DEFAULTS.interval(attempts)).isEqualTo(wait);
  }

  @ParameterizedTest(name = "{0} after arrival, {1} attempts made: next at +{2}")
  @CsvSource({
    "PT0S,    1, PT5M",
    "PT5M,    2, PT15M",
    "PT119H,  9, PT120H", // pulled in to the expiry
    "PT120H, 30, PT120H", // at the expiry: now, never later
    "PT130H, 30, PT130H", // found after the expiry (server was down): now
  })
  void nextAttemptNeverPassesTheExpiry(Duration now, int attempts, Duration next) {
    assertThat(DEFAULTS.nextAttempt(MAIL, attempts, ARRIVAL.plus(now))).isEqualTo(ARRIVAL.plus(next));
  }

  @ParameterizedTest(name = "{0} after arrival: expired={1} (mail) / {2} (bounce), delay notice={3}")
  @CsvSource({
    "PT0S,     false, false, false",
    "PT3H59M,  false, false, false",
    "PT4H,     false, false, true",
    "PT47H59M, false, false, true",
    "PT48H,    false, true,  true",
    "PT119H,   false, true,  true",
    "PT120H,   true,  true,  false",
  })
  void lifetimesAndDelayNotice(Duration age, boolean mailExpired, boolean bounceExpired, boolean notice) {
    Instant now = ARRIVAL.plus(age);
    assertThat(DEFAULTS.expired(MAIL, now)).isEqualTo(mailExpired);
    assertThat(DEFAULTS.expired(BOUNCE, now)).isEqualTo(bounceExpired);
    assertThat(DEFAULTS.delayNoticeDue(MAIL, now)).isEqualTo(notice);
  }

  @Test
  void nullSenderLivesBounceLifetime() { // SMTP-6: bounces may get a shorter limit
    assertThat(DEFAULTS.lifetime(BOUNCE)).isEqualTo(Duration.ofDays(2));
    assertThat(DEFAULTS.expiry(MAIL)).isEqualTo(ARRIVAL.plus(Duration.ofDays(5)));
  }

  @Test
  void wholeDefaultScheduleWalkedOnAManualClock() {
    ManualClock clock = new ManualClock(ARRIVAL);
    List<Duration> attempts = new ArrayList<>();
    for (int made = 0; ; ) {
      attempts.add(Duration.between(ARRIVAL, clock.instant()));
      made++;
      if (DEFAULTS.expired(MAIL, clock.instant())) {
        break;
      }
      clock.set(DEFAULTS.nextAttempt(MAIL, made, clock.instant()));
    }
    assertThat(attempts).hasSize(36).startsWith(Duration.ZERO, Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofMinutes(45), Duration.ofMinutes(105));
    assertThat(attempts.getLast()).isEqualTo(Duration.ofDays(5));
  }

  @Test
  void customSchedule() {
    RetrySchedule s = new RetrySchedule(new QueueConfig(List.of(Duration.ofSeconds(90)),
        Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofMinutes(10), 1, 1));
    assertThat(s.interval(1)).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.interval(9)).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.reportRetry()).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> s.interval(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"P5D, 5d", "PT4H, 4h", "PT90M, 90m", "PT90S, 90s", "PT0.25S, 250ms"})
  void describesDurationsAsTheConfigWritesThem(Duration d, String text) {
    assertThat(RetrySchedule.describe(d)).isEqualTo(text);
  }
}
