package org.sealpost.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code [queue]}: the retry schedule and delivery concurrency (RFC 5321 §4.5.4.1, SMTP-5).
 *
 * @param retryIntervals waits between attempts: the first after the first failed attempt, and so
 *     on; the last repeats until the message expires
 * @param maxLifetime how long a message is retried before its deferred recipients bounce
 *     ({@code 5.4.7})
 * @param bounceLifetime the same for messages with the null reverse path (bounces and other
 *     notifications), which are dropped on expiry and never bounced (SMTP-6)
 * @param delayNoticeAfter how long a recipient may stay deferred before a delay DSN goes out
 * @param concurrency delivery attempts running at once, over all destinations
 * @param concurrencyPerDestination attempts running at once to one destination
 */
public record QueueConfig(
    List<Duration> retryIntervals,
    Duration maxLifetime,
    Duration bounceLifetime,
    Duration delayNoticeAfter,
    int concurrency,
    int concurrencyPerDestination) {

  public QueueConfig {
    retryIntervals = List.copyOf(retryIntervals);
    if (retryIntervals.isEmpty()) {
      throw new IllegalArgumentException("retry_intervals needs at least one interval");
    }
  }
}
