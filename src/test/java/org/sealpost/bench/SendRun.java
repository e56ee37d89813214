package org.sealpost.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N messages over C concurrent connections, M messages per connection: C virtual threads each take
 * the next batch of up to M messages, open a connection for it, send, QUIT, and take the next. The
 * rate counts the whole time, connection set-up and TLS handshakes included; the latency of a
 * message is MAIL to the 250 after the end of data.
 */
final class SendRun {

  /** What a run measured. */
  record Result(int accepted, int failed, long elapsedNanos, Latencies.Summary latencies,
      String firstError) {

    double seconds() {
      return elapsedNanos / 1e9;
    }

    double perSecond() {
      return accepted / seconds();
    }
  }

  private final SessionPlan plan;
  private final int connections;
  private final int perConnection;

  SendRun(SessionPlan plan, int connections, int perConnection) {
    if (connections < 1 || perConnection < 1) {
      throw new IllegalArgumentException("connections and messages per connection must be >= 1");
    }
    this.plan = plan;
    this.connections = connections;
    this.perConnection = perConnection;
  }

  /** Sends {@code messages} messages, numbering them from {@code firstSerial}. */
  Result run(int messages, long firstSerial) throws InterruptedException {
    Latencies latencies = new Latencies(messages);
    AtomicInteger claimed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong serial = new AtomicLong(firstSerial);
    AtomicReference<String> firstError = new AtomicReference<>("");
    Runnable worker = () -> {
      while (true) {
        int start = claimed.getAndAdd(perConnection);
        if (start >= messages) {
          return;
        }
        int batch = Math.min(perConnection, messages - start);
        int sent = 0;
        try (BenchSession session = BenchSession.open(plan)) {
          for (; sent < batch; sent++) {
            latencies.record(session.send(serial.getAndIncrement()));
          }
        } catch (IOException | BenchSession.Failure | RuntimeException e) {
          failed.addAndGet(batch - sent);
          firstError.compareAndSet("", e.toString());
        }
      }
    };
    long begin = System.nanoTime();
    List<Thread> threads = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      threads.add(Thread.ofVirtual().name("bench-", i).start(worker));
    }
    for (Thread t : threads) {
      t.join();
    }
    long elapsed = System.nanoTime() - begin;
    Latencies.Summary summary = latencies.summary();
    return new Result(summary.count(), failed.get(), elapsed, summary, firstError.get());
  }
}
