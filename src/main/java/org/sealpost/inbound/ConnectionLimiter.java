package org.sealpost.inbound;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps concurrent sessions in total and per client address (SEC-9). A refused connection is told
 * {@code 421} and closed by the listener.
 */
final class ConnectionLimiter {

  private final int maxTotal;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

  ConnectionLimiter(int maxTotal, int maxPerAddress) {
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  /** What {@link #tryAcquire} found. */
  enum Admission {
    ADMITTED,
    TOO_MANY_TOTAL,
    TOO_MANY_FROM_ADDRESS
  }

  Admission tryAcquire(InetAddress client) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Admission.TOO_MANY_TOTAL;
    }
    AtomicInteger mine = perAddress.computeIfAbsent(client, a -> new AtomicInteger());
    if (mine.incrementAndGet() > maxPerAddress) {
      release(client);
      return Admission.TOO_MANY_FROM_ADDRESS;
    }
    return Admission.ADMITTED;
  }

  void release(InetAddress client) {
    total.decrementAndGet();
    perAddress.computeIfPresent(client, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  int active() {
    return total.get();
  }
}
