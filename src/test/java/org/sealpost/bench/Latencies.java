package org.sealpost.bench;

import java.util.Arrays;

/**
 * Per-message latencies in nanoseconds, recorded from many virtual threads, and their nearest-rank
 * percentiles. Fixed capacity: the generator knows how many messages it will send.
 */
final class Latencies {

  private final long[] nanos;
  private int count;

  Latencies(int capacity) {
    this.nanos = new long[capacity];
  }

  synchronized void record(long latencyNanos) {
    if (count < nanos.length) {
      nanos[count++] = latencyNanos;
    }
  }

  /** A sorted copy of what was recorded. */
  synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Summary(sorted);
  }

  /** Recorded latencies, sorted ascending. */
  record Summary(long[] sorted) {

    int count() {
      return sorted.length;
    }

    /**
     * Nearest-rank percentile in milliseconds: the smallest value with at least {@code p} percent
     * of the values at or below it; 0 when nothing was recorded.
     */
    double percentileMillis(double p) {
      if (sorted.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }

    double maxMillis() {
      return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
    }
  }
}
