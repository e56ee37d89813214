package org.sealpost.report.tlsrpt;

import java.time.Duration;
import java.time.Instant;

/**
 * One report still to be handed to one rua, as kept in the outbox across restarts.
 *
 * @param name the outbox file name (unique: report file name and rua index)
 * @param reportFile the archived report's file name ({@link TlsReport#filename()})
 * @param rua the destination URI as published
 * @param firstAttempt when the report was first tried: retries end 24 h later (RPT-9)
 * @param attempts how many attempts failed so far
 * @param nextAttempt when to try again
 */
record PendingDelivery(
    String name, String reportFile, String rua, Instant firstAttempt, int attempts, Instant nextAttempt) {

  /** RFC 8460 §5.5: retry for up to 24 hours. */
  static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

  /** The first wait; it doubles after every failure (RPT-9, "exponential backoff"). */
  static final Duration FIRST_WAIT = Duration.ofMinutes(5);

  /** Waits stop growing here, so the last day still sees several attempts. */
  static final Duration LONGEST_WAIT = Duration.ofHours(4);

  /** This delivery after one more failure at {@code now}. */
  PendingDelivery failedAt(Instant now) {
    Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(attempts, 16));
    if (wait.compareTo(LONGEST_WAIT) > 0) {
      wait = LONGEST_WAIT;
    }
    return new PendingDelivery(name, reportFile, rua, firstAttempt, attempts + 1, now.plus(wait));
  }

  /** Whether the next attempt falls outside the 24 hours after the first: then give up (RPT-9). */
  boolean pastDeadline() {
    return nextAttempt.isAfter(firstAttempt.plus(GIVE_UP_AFTER));
  }
}
