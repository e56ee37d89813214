package org.sealpost.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Bounds delivery attempts: at most {@code concurrency} at once overall and at most
 * {@code concurrency_per_destination} at once to one {@link org.sealpost.delivery.Destination#key()}.
 *
 * <p>The destination permit is taken first and the global one second. An attempt stuck waiting for
 * its busy destination therefore holds no global permit, and global permits are only ever held by
 * attempts that are actually running: a slow or dead destination can use up its own share, never
 * everyone's. Semaphores are fair, so waiting attempts start in arrival order. A destination's
 * semaphore is dropped when nobody uses or awaits it, so the map does not grow with every domain
 * ever seen.
 */
final class ConcurrencyLimits {

  /** The right to run one attempt; close it exactly once when the attempt is over. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Slot {
    final Semaphore permits;
    int users; // guarded by ConcurrencyLimits.this

    Slot(int permits) {
      this.permits = new Semaphore(permits, true);
    }
  }

  private final Semaphore global;
  private final int perDestination;
  private final Map<String, Slot> slots = new HashMap<>();

  ConcurrencyLimits(int concurrency, int perDestination) {
    this.global = new Semaphore(concurrency, true);
    this.perDestination = perDestination;
  }

  /** Waits until both a permit for {@code destinationKey} and a global permit are free. */
  Lease acquire(String destinationKey) throws InterruptedException {
    Slot slot;
    synchronized (this) {
      slot = slots.computeIfAbsent(destinationKey, k -> new Slot(perDestination));
      slot.users++;
    }
    try {
      slot.permits.acquire();
    } catch (InterruptedException e) {
      leave(destinationKey, slot);
      throw e;
    }
    try {
      global.acquire();
    } catch (InterruptedException e) {
      slot.permits.release();
      leave(destinationKey, slot);
      throw e;
    }
    return new Lease() {
      private boolean closed;

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          global.release();
          slot.permits.release();
          leave(destinationKey, slot);
        }
      }
    };
  }

  /** Destinations with an attempt running or waiting; for tests. */
  synchronized int destinationsInUse() {
    return slots.size();
  }

  private synchronized void leave(String key, Slot slot) {
    if (--slot.users == 0) {
      slots.remove(key, slot);
    }
  }
}
