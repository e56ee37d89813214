package org.sealpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesUseTheNearestRank() {
    Latencies l = new Latencies(100);
    for (int i = 100; i >= 1; i--) {
      l.record(i * 1_000_000L); // 1..100 ms, recorded out of order
    }
    Latencies.Summary s = l.summary();
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.percentileMillis(50)).isEqualTo(50.0);
    assertThat(s.percentileMillis(99)).isEqualTo(99.0);
    assertThat(s.percentileMillis(100)).isEqualTo(100.0);
    assertThat(s.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void aSingleValueIsEveryPercentile() {
    Latencies l = new Latencies(1);
    l.record(2_500_000L);
    assertThat(l.summary().percentileMillis(50)).isEqualTo(2.5);
    assertThat(l.summary().percentileMillis(99)).isEqualTo(2.5);
  }

  @Test
  void nothingRecordedGivesZeroAndExtraValuesAreDropped() {
    assertThat(new Latencies(4).summary().percentileMillis(99)).isZero();
    Latencies l = new Latencies(2);
    l.record(1);
    l.record(2);
    l.record(3);
    assertThat(l.summary().count()).isEqualTo(2);
  }

  @Test
  void recordsFromManyVirtualThreads() throws InterruptedException {
    Latencies l = new Latencies(10_000);
    Thread[] threads = new Thread[100];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 100; i++) {
          l.record(1_000_000L);
        }
      });
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(l.summary().count()).isEqualTo(10_000);
  }
}
