package org.sealpost.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens C sessions (greeting, EHLO, optionally STARTTLS and EHLO again) and keeps them open and
 * silent, so that the server's memory per idle session can be read from outside.
 */
final class IdleHold {

  /** The sessions held open, and how many could not be opened (with the first reason). */
  record Held(List<BenchSession> sessions, int failed, String firstError, long openNanos)
      implements AutoCloseable {

    /** QUIT on every session; a server that already dropped one is fine. */
    @Override
    public void close() throws InterruptedException {
      List<Thread> quitters = new ArrayList<>();
      for (BenchSession s : sessions) {
        quitters.add(Thread.ofVirtual().start(s::close));
      }
      for (Thread t : quitters) {
        t.join();
      }
    }
  }

  private final SessionPlan plan;

  IdleHold(SessionPlan plan) {
    this.plan = plan;
  }

  /** Opens {@code count} sessions, at most {@code parallel} handshakes at a time. */
  Held open(int count, int parallel) throws InterruptedException {
    List<BenchSession> sessions = Collections.synchronizedList(new ArrayList<>(count));
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>("");
    Semaphore slots = new Semaphore(parallel);
    long begin = System.nanoTime();
    List<Thread> threads = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      slots.acquire();
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          sessions.add(BenchSession.open(plan));
        } catch (IOException | BenchSession.Failure | RuntimeException e) {
          failed.incrementAndGet();
          firstError.compareAndSet("", e.toString());
        } finally {
          slots.release();
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Held(List.copyOf(sessions), failed.get(), firstError.get(), System.nanoTime() - begin);
  }
}
