package org.sealpost.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code [queue]}: every duration positive, at least one retry interval, and three cross-checks
 * that would otherwise make a setting silently meaningless.
 */
final class QueueRules {

  static final List<String> KEYS = List.of(
      "retry_intervals", "max_lifetime", "bounce_lifetime", "delay_notice_after", "concurrency",
      "concurrency_per_destination");

  private QueueRules() {}

  static QueueConfig read(TomlSection s) throws ConfigException {
    QueueConfig d = Defaults.queue();
    List<Duration> intervals = s.list("retry_intervals", d.retryIntervals(), text -> {
      Duration interval = TomlSection.parseDuration(text).orElseThrow(() ->
          new IllegalArgumentException("expected durations like \"5m\" or \"2h\", got \"" + text + "\""));
      if (interval.isZero()) {
        throw new IllegalArgumentException("a retry interval must be greater than zero");
      }
      return interval;
    });
    if (intervals.isEmpty()) {
      throw s.error("retry_intervals", "needs at least one interval (the last one repeats)");
    }
    Duration maxLifetime = s.duration("max_lifetime", d.maxLifetime(), false);
    Duration bounceLifetime = s.duration("bounce_lifetime", d.bounceLifetime(), false);
    if (bounceLifetime.compareTo(maxLifetime) > 0) {
      // RFC 5321 §4.5.4.1 allows bounces a shorter life, never a longer one.
      throw s.error("bounce_lifetime", "\"" + TomlWriter.duration(bounceLifetime)
          + "\" is longer than max_lifetime (\"" + TomlWriter.duration(maxLifetime) + "\")");
    }
    Duration delayNotice = s.duration("delay_notice_after", d.delayNoticeAfter(), false);
    if (delayNotice.compareTo(maxLifetime) >= 0) {
      throw s.error("delay_notice_after", "\"" + TomlWriter.duration(delayNotice)
          + "\" is not shorter than max_lifetime (\"" + TomlWriter.duration(maxLifetime)
          + "\"), so no delay notice would ever be sent");
    }
    int concurrency = s.positiveInt("concurrency", d.concurrency());
    int perDestination = s.positiveInt("concurrency_per_destination", d.concurrencyPerDestination());
    if (perDestination > concurrency) {
      throw s.error("concurrency_per_destination", perDestination + " is more than concurrency ("
          + concurrency + ")");
    }
    return new QueueConfig(
        intervals, maxLifetime, bounceLifetime, delayNotice, concurrency, perDestination);
  }
}
