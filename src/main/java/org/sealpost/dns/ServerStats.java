package org.sealpost.dns;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters for one upstream server. A hostile or broken answer (wrong ID, wrong question, oversized,
 * unparsable) is a {@code malformed} failure of the server that sent it.
 */
final class ServerStats {
  final AtomicLong queries = new AtomicLong();
  final AtomicLong timeouts = new AtomicLong();
  final AtomicLong malformed = new AtomicLong();
  final AtomicLong errorRcodes = new AtomicLong();
  final AtomicLong truncated = new AtomicLong();

  /** Every failure of this server: timeouts, malformed answers and error rcodes. */
  long failures() {
    return timeouts.get() + malformed.get() + errorRcodes.get();
  }

  @Override
  public String toString() {
    return "queries=" + queries + " timeouts=" + timeouts + " malformed=" + malformed
        + " errors=" + errorRcodes + " truncated=" + truncated;
  }
}
