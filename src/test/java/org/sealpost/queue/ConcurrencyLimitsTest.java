package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.Random.class)
class ConcurrencyLimitsTest {

  @Test
  void waitingForABusyDestinationHoldsNoGlobalPermit() throws Exception {
    ConcurrencyLimits limits = new ConcurrencyLimits(2, 1);
    ConcurrencyLimits.Lease slow = limits.acquire("remote:slow.test");
    Thread waiter = Thread.ofVirtual().start(() -> {
      try {
        limits.acquire("remote:slow.test").close(); // got it once the first lease closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread.sleep(50);
    // One global permit is used by the slow attempt; the waiter must not hold the other.
    ConcurrencyLimits.Lease other = limits.acquire("remote:fast.test");
    assertThat(waiter.isAlive()).isTrue();
    other.close();
    slow.close();
    assertThat(waiter.join(java.time.Duration.ofSeconds(5))).isTrue();
    assertThat(limits.destinationsInUse()).isZero();
  }

  @Test
  void globalLimitHoldsAcrossDestinations() throws Exception {
    ConcurrencyLimits limits = new ConcurrencyLimits(1, 1);
    ConcurrencyLimits.Lease first = limits.acquire("a");
    AtomicReference<ConcurrencyLimits.Lease> second = new AtomicReference<>();
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        second.set(limits.acquire("b"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    TimeUnit.MILLISECONDS.sleep(50);
    assertThat(second.get()).isNull();
    first.close();
    first.close(); // idempotent: must not release twice
    t.join();
    assertThat(second.get()).isNotNull();
    second.get().close();
    assertThat(limits.destinationsInUse()).isZero();
  }

  @Test
  void interruptedWaiterLeavesNoTrace() throws Exception {
    ConcurrencyLimits limits = new ConcurrencyLimits(1, 1);
    ConcurrencyLimits.Lease held = limits.acquire("a");
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        limits.acquire("a").close();
      } catch (InterruptedException e) {
        // expected
      }
    });
    TimeUnit.MILLISECONDS.sleep(20);
    t.interrupt();
    t.join();
    held.close();
    assertThat(limits.destinationsInUse()).isZero();
    limits.acquire("a").close();
  }
}
