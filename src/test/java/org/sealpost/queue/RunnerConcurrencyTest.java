package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.queue.RunnerHarness.eventually;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.mail.QueueId;

/** Per-destination and global limits: a slow or dead destination never blocks the others. */
@TestMethodOrder(MethodOrderer.Random.class)
class RunnerConcurrencyTest {

  @TempDir Path dir;
  RunnerHarness h;

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void blockedDestinationDoesNotStopAnother() throws Exception {
    h = new RunnerHarness(dir, RunnerHarness.limits(10, 2));
    CountDownLatch slow = h.deliverer.gate("remote:slow.test");
    for (int i = 0; i < 5; i++) {
      h.submit("alice@example.org", "u" + i + "@slow.test");
    }
    QueueId fast = h.submit("alice@example.org", "bob@fast.test");

    eventually(() -> h.spool.find(fast).isEmpty());
    assertThat(h.deliverer.callsTo("remote:fast.test")).hasSize(1);
    assertThat(h.deliverer.callsTo("remote:slow.test")).hasSize(2); // the rest wait their turn

    slow.countDown();
    h.awaitIdle();
    assertThat(h.deliverer.callsTo("remote:slow.test")).hasSize(5);
    assertThat(h.deliverer.maxRunning("remote:slow.test")).isEqualTo(2);
    assertThat(h.names("active")).isEmpty();
  }

  @Test
  void oneMessageWithASlowDestinationStillDeliversItsOtherRecipients() throws Exception {
    h = new RunnerHarness(dir);
    CountDownLatch slow = h.deliverer.gate("remote:slow.test");
    QueueId id = h.submit("alice@example.org", "carol@slow.test", "bob@fast.test");

    // bob's outcome is recorded and reported while carol's attempt still hangs
    eventually(() -> h.reports.finished.size() == 1);
    assertThat(h.status(id).recipients()).extracting(RecipientStatus::state)
        .containsExactly(RecipientState.PENDING, RecipientState.DELIVERED);

    slow.countDown();
    h.awaitIdle();
    assertThat(h.spool.find(id)).isEmpty();
  }

  @Test
  void globalLimitBoundsAttemptsOverAllDestinations() throws Exception {
    h = new RunnerHarness(dir, RunnerHarness.limits(3, 3));
    CountDownLatch gates = new CountDownLatch(1);
    for (int i = 0; i < 8; i++) {
      String domain = "d" + i + ".test";
      CountDownLatch gate = h.deliverer.gate("remote:" + domain);
      Thread.ofVirtual().start(() -> {
        try {
          gates.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        gate.countDown();
      });
      h.submit("alice@example.org", "bob@" + domain);
    }

    eventually(() -> h.deliverer.calls.size() == 3);
    Thread.sleep(100); // give a fourth attempt the chance to start, were the limit broken
    assertThat(h.deliverer.calls).hasSize(3);

    gates.countDown();
    h.awaitIdle();
    assertThat(h.deliverer.calls).hasSize(8);
    assertThat(h.deliverer.maxRunning()).isEqualTo(3);
  }

  @Test
  void shutdownWaitsForRunningAttemptsAndLeavesTheRestForTheNextStart() throws Exception {
    h = new RunnerHarness(dir, RunnerHarness.limits(1, 1));
    CountDownLatch gate = h.deliverer.gate("remote:example.net");
    QueueId first = h.submit("alice@example.org", "a@example.net");
    QueueId second = h.submit("alice@example.org", "b@example.net");
    eventually(() -> h.deliverer.calls.size() == 1);

    Thread releaser = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      gate.countDown();
    });
    h.runner.stop(Duration.ofSeconds(10));
    releaser.join();

    // The running attempt finished and was recorded; the waiting one never started.
    assertThat(h.deliverer.calls).hasSize(1);
    QueueId attempted = h.deliverer.calls.getFirst().id();
    QueueId left = attempted.equals(first) ? second : first;
    assertThat(h.spool.find(attempted)).isEmpty();
    assertThat(h.spool.find(left)).hasValueSatisfying(
        e -> assertThat(e.state()).isEqualTo(QueueState.ACTIVE));

    h.restart();
    h.awaitIdle();
    assertThat(h.deliverer.calls).hasSize(2);
    assertThat(h.spool.find(left)).isEmpty();
  }
}
