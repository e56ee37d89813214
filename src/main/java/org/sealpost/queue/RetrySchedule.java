package org.sealpost.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.sealpost.config.QueueConfig;
import org.sealpost.mail.Envelope;

/**
 * When to try a message again, when to send a delay notice and when to give up (RFC 5321
 * §4.5.4.1, SMTP-5). Pure: every answer is computed from the message's arrival, the attempts made
 * and the time passed in, so tests run five days of retries in milliseconds.
 *
 * <p>After attempt {@code n} (1-based) the next one waits {@code retry_intervals[n-1]}; past the end
 * of the list the last interval repeats. A message lives {@code max_lifetime} from its arrival, or
 * {@code bounce_lifetime} if its reverse path is null (a bounce: SMTP-6 forbids bouncing it, so it
 * is dropped sooner). The last retry is pulled in to the expiry instant, so the final attempt
 * happens exactly when the message would otherwise give up.
 */
public final class RetrySchedule {

  private final List<Duration> intervals;
  private final Duration maxLifetime;
  private final Duration bounceLifetime;
  private final Duration delayNoticeAfter;

  public RetrySchedule(QueueConfig config) {
    this.intervals = config.retryIntervals();
    this.maxLifetime = config.maxLifetime();
    this.bounceLifetime = config.bounceLifetime();
    this.delayNoticeAfter = config.delayNoticeAfter();
  }

  /** The wait after the {@code attemptsMade}-th attempt (at least 1). */
  public Duration interval(int attemptsMade) {
    if (attemptsMade < 1) {
      throw new IllegalArgumentException("no attempt made yet");
    }
    return intervals.get(Math.min(attemptsMade, intervals.size()) - 1);
  }

  /** How long this message is retried: {@code bounce_lifetime} for the null sender. */
  public Duration lifetime(Envelope envelope) {
    return envelope.hasNullReversePath() ? bounceLifetime : maxLifetime;
  }

  /** When the message gives up: arrival plus its lifetime. */
  public Instant expiry(Envelope envelope) {
    return envelope.arrival().plus(lifetime(envelope));
  }

  /** True once {@code now} has reached the expiry: deferred recipients now fail with 5.4.7. */
  public boolean expired(Envelope envelope, Instant now) {
    return !now.isBefore(expiry(envelope));
  }

  /**
   * The next attempt after {@code attemptsMade} attempts, the last of which ended at {@code now}:
   * {@code now} plus the interval, but no later than the expiry (and never before {@code now}).
   */
  public Instant nextAttempt(Envelope envelope, int attemptsMade, Instant now) {
    Instant next = now.plus(interval(attemptsMade));
    Instant expiry = expiry(envelope);
    if (next.isAfter(expiry)) {
      return expiry.isAfter(now) ? expiry : now;
    }
    return next;
  }

  /** True once a recipient still deferred at {@code now} is owed a delay notice (RFC 3464 §2.3.3). */
  public boolean delayNoticeDue(Envelope envelope, Instant now) {
    return !now.isBefore(envelope.arrival().plus(delayNoticeAfter)) && !expired(envelope, now);
  }

  /** When a report that could not be handed over is tried again: the first retry interval. */
  public Duration reportRetry() {
    return intervals.getFirst();
  }

  /** {@code "5d"}, {@code "4h"}, {@code "90s"}: the largest unit that divides exactly, for logs. */
  static String describe(Duration d) {
    long s = d.toSeconds();
    if (s > 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    } else if (s > 0 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    } else if (s > 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
  }
}
