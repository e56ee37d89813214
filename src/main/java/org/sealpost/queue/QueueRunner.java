package org.sealpost.queue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.QueueConfig;
import org.sealpost.mail.QueueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives delivery: one scheduler thread keeps every known message in a priority queue keyed by its
 * next attempt time and starts a {@link DeliveryPass} on a virtual thread for each message that
 * comes due. Messages arrive three ways: committed by {@link Intake} (scheduled at once through its
 * commit listener, no polling delay), found in the spool at start-up ({@code active/} is due now,
 * including messages a crash left mid-attempt, so delivery is at-least-once; {@code deferred/} at
 * the next attempt its status record gives), and rescheduled by a pass that deferred them.
 * {@code hold/} is never attempted.
 *
 * <p>Time comes from the injected {@link InstantSource}. The scheduler sleeps until the earliest
 * due time (at most {@link #MAX_SLEEP}, so a clock that jumps is noticed); a test that moves a
 * manual clock calls {@link #wake()}.
 *
 * <p>Only this runner changes a message after it is committed (architecture decision 4), and only
 * one pass per message runs at a time.
 */
public final class QueueRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueueRunner.class);
  static final Duration MAX_SLEEP = Duration.ofSeconds(30);
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  private record Due(Instant at, QueueId id) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  private final Spool spool;
  private final InstantSource clock;
  private final PassContext context;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Due> queue = new PriorityQueue<>(); // may hold superseded entries
  private final Map<QueueId, Instant> waiting = new HashMap<>(); // the live due time per message
  private final Map<QueueId, Thread> running = new HashMap<>();
  private volatile boolean stopping;
  private @Nullable Thread scheduler;

  private QueueRunner(Spool spool, QueueConfig config, DeliveryServices services, InstantSource clock) {
    this.spool = spool;
    this.clock = clock;
    this.context = new PassContext(spool, new RetrySchedule(config),
        new ConcurrencyLimits(config.concurrency(), config.concurrencyPerDestination()), services,
        clock, () -> stopping);
  }

  /**
   * Starts delivering from {@code spool}: listens for commits, schedules everything already queued,
   * and starts the scheduler thread.
   */
  public static QueueRunner start(
      Spool spool, QueueConfig config, DeliveryServices services, InstantSource clock)
      throws IOException {
    QueueRunner runner = new QueueRunner(spool, config, services, clock);
    // Listen first, then scan: a message committed in between is seen twice, and scheduled once.
    spool.intake().onCommit(entry -> runner.schedule(entry.queueId(), clock.instant()));
    runner.scheduleQueued();
    Thread thread = Thread.ofPlatform().name("queue-runner").daemon(true).unstarted(runner::loop);
    runner.scheduler = thread;
    thread.start();
    return runner;
  }

  private void scheduleQueued() throws IOException {
    Instant now = clock.instant();
    Map<QueueState, Integer> counts = new EnumMap<>(QueueState.class);
    for (QueueEntry entry : spool.list()) {
      counts.merge(entry.state(), 1, Integer::sum);
      switch (entry.state()) {
        case ACTIVE -> schedule(entry.queueId(), now);
        case DEFERRED -> schedule(entry.queueId(), nextAttemptOf(entry.queueId(), now));
        case HOLD -> { } // never attempted until released
      }
    }
    log.info("queue: runner started active={} deferred={} hold={}",
        counts.getOrDefault(QueueState.ACTIVE, 0), counts.getOrDefault(QueueState.DEFERRED, 0),
        counts.getOrDefault(QueueState.HOLD, 0));
  }

  private Instant nextAttemptOf(QueueId id, Instant now) {
    try {
      Instant next = spool.statuses().load(id).map(DeliveryStatus::nextAttempt).orElse(null);
      return next == null ? now : next;
    } catch (IOException e) {
      return now; // the pass will say what is wrong with the record
    }
  }

  /** Makes {@code id} due at {@code at}, unless it is already due earlier or being attempted. */
  void schedule(QueueId id, Instant at) {
    lock.lock();
    try {
      if (stopping || running.containsKey(id)) {
        return; // a running pass reschedules its message itself
      }
      Instant current = waiting.get(id);
      if (current != null && !current.isAfter(at)) {
        return;
      }
      waiting.put(id, at);
      queue.add(new Due(at, id));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Re-reads the clock now, e.g. after a test moved it. */
  public void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Makes every waiting message due now ({@code postqueue -f}); held messages stay held. */
  public void flush() {
    lock.lock();
    try {
      Instant now = clock.instant();
      for (QueueId id : List.copyOf(waiting.keySet())) {
        waiting.put(id, now);
        queue.add(new Due(now, id));
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    lock.lock();
    try {
      while (!stopping) {
        Instant now = clock.instant();
        Due head = queue.peek();
        if (head != null && !head.at().isAfter(now)) {
          queue.poll();
          if (head.at().equals(waiting.get(head.id()))) {
            waiting.remove(head.id());
            Thread pass = Thread.ofVirtual().name("queue-" + head.id())
                .unstarted(() -> runPass(head.id()));
            running.put(head.id(), pass);
            pass.start();
          }
          continue;
        }
        long sleep = head == null
            ? MAX_SLEEP.toMillis()
            : Math.clamp(Duration.between(now, head.at()).toMillis(), 1, MAX_SLEEP.toMillis());
        changed.await(sleep, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private void runPass(QueueId id) {
    Instant next = null;
    try {
      next = DeliveryPass.run(context, id);
    } catch (IOException e) {
      next = clock.instant().plus(context.schedule().reportRetry());
      log.warn("{}: pass failed on the spool, retried at next_attempt={} error={}", id, next, e.toString());
    } catch (RuntimeException e) {
      next = clock.instant().plus(context.schedule().reportRetry());
      log.error("{}: pass failed (a bug), retried at next_attempt={}", id, next, e);
    } finally {
      lock.lock();
      try {
        running.remove(id);
        if (next != null && !stopping) {
          waiting.put(id, next);
          queue.add(new Due(next, id));
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Waits until nothing runs and nothing is due at the clock's current time; for tests driving a
   * manual clock. Returns false on timeout.
   */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        Instant now = clock.instant();
        boolean due = waiting.values().stream().anyMatch(at -> !at.isAfter(now));
        if (running.isEmpty() && !due) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The earliest next attempt among waiting messages, if any; for tests. */
  @Nullable Instant nextDue() {
    lock.lock();
    try {
      return waiting.values().stream().min(Instant::compareTo).orElse(null);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops: no new pass starts and no new attempt begins; attempts already running get up to
   * {@code grace} (wall-clock time) to finish and record their outcomes. What is left stays in the
   * spool for the next start. The spool itself stays open.
   */
  public void stop(Duration grace) {
    List<Thread> passes;
    lock.lock();
    try {
      if (stopping) {
        return;
      }
      stopping = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    spool.intake().onCommit(entry -> {}); // later commits wait in active/ for the next start
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      if (scheduler != null) {
        scheduler.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
      lock.lock();
      try {
        passes = new ArrayList<>(running.values());
      } finally {
        lock.unlock();
      }
      for (Thread t : passes) {
        t.join(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      passes = List.of();
    }
    lock.lock();
    try {
      passes = new ArrayList<>(running.values());
    } finally {
      lock.unlock();
    }
    if (!passes.isEmpty()) {
      log.warn("queue: {} passes still running after grace={}, interrupted; their messages are "
          + "retried at the next start", passes.size(), RetrySchedule.describe(grace));
      passes.forEach(Thread::interrupt);
    }
    log.info("queue: runner stopped");
  }

  @Override
  public void close() {
    stop(DEFAULT_GRACE);
  }
}
