package org.sealpost.report.dsn;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.sealpost.mail.MailAddress;

/**
 * The cap on DSNs to remote senders (SEC-10, backscatter): at most {@code perSenderPerHour} to one
 * address in any sliding hour and {@code globalPerMinute} in all in any sliding minute; 0 turns a
 * cap off. Only DSNs the {@link Bouncer} subjects to the cap are counted, so reports to
 * authenticated senders neither use nor need quota.
 *
 * <p>Sliding windows of timestamps, not fixed buckets: a burst at the end of one hour and the start
 * of the next is still one burst. Memory is bounded by the caps: a sender's window holds at most
 * {@code perSenderPerHour} instants, and senders whose window emptied are swept. Thread-safe; the
 * queue runner reports from several delivery threads.
 */
public final class DsnRateLimit {

  static final Duration SENDER_WINDOW = Duration.ofHours(1);
  static final Duration GLOBAL_WINDOW = Duration.ofMinutes(1);

  /** Why a DSN may or may not be made now. */
  enum Verdict {
    ADMITTED,
    /** The address had {@code perSenderPerHour} DSNs within the last hour. */
    SENDER_LIMIT,
    /** All senders together had {@code globalPerMinute} within the last minute. */
    GLOBAL_LIMIT
  }

  private final int perSenderPerHour;
  private final int globalPerMinute;
  private final InstantSource clock;
  private final Map<MailAddress, ArrayDeque<Instant>> senders = new HashMap<>();
  private final ArrayDeque<Instant> global = new ArrayDeque<>();
  private Instant nextSweep = Instant.MIN;

  public DsnRateLimit(int perSenderPerHour, int globalPerMinute, InstantSource clock) {
    if (perSenderPerHour < 0 || globalPerMinute < 0) {
      throw new IllegalArgumentException("negative DSN rate limit");
    }
    this.perSenderPerHour = perSenderPerHour;
    this.globalPerMinute = globalPerMinute;
    this.clock = clock;
  }

  /** No cap at all. */
  public static DsnRateLimit unlimited() {
    return new DsnRateLimit(0, 0, InstantSource.system());
  }

  /** Takes one DSN to {@code to} from the quota when both caps allow it; else takes nothing. */
  synchronized Verdict admit(MailAddress to) {
    Instant now = clock.instant();
    sweep(now);
    if (globalPerMinute > 0) {
      expire(global, now.minus(GLOBAL_WINDOW));
      if (global.size() >= globalPerMinute) {
        return Verdict.GLOBAL_LIMIT;
      }
    }
    if (perSenderPerHour > 0) {
      ArrayDeque<Instant> window = senders.computeIfAbsent(to, a -> new ArrayDeque<>());
      expire(window, now.minus(SENDER_WINDOW));
      if (window.size() >= perSenderPerHour) {
        return Verdict.SENDER_LIMIT;
      }
      window.addLast(now);
    }
    if (globalPerMinute > 0) {
      global.addLast(now);
    }
    return Verdict.ADMITTED;
  }

  /** Senders tracked now (for tests: the sweep keeps this bounded). */
  synchronized int trackedSenders() {
    return senders.size();
  }

  /** At most once a window, forget senders whose last DSN left the window. */
  private void sweep(Instant now) {
    if (now.isBefore(nextSweep)) {
      return;
    }
    Instant horizon = now.minus(SENDER_WINDOW);
    for (Iterator<ArrayDeque<Instant>> it = senders.values().iterator(); it.hasNext(); ) {
      ArrayDeque<Instant> window = it.next();
      expire(window, horizon);
      if (window.isEmpty()) {
        it.remove();
      }
    }
    nextSweep = now.plus(SENDER_WINDOW);
  }

  private static void expire(ArrayDeque<Instant> window, Instant horizon) {
    while (!window.isEmpty() && !window.peekFirst().isAfter(horizon)) {
      window.removeFirst();
    }
  }
}
