package org.sealpost.delivery.remote;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.Hop;
import org.sealpost.policy.HopFacts;
import org.sealpost.policy.HopRequirement;
import org.sealpost.smtp.client.Extensions;
import org.sealpost.smtp.client.SmtpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open sessions between transactions, for the next message to the same hop under the same
 * requirement (issue 4 §2; RFC 5321 §3.3 lets a client run several transactions on a session, RSET
 * between them).
 *
 * <p>The key is the candidate (host name, address, port, how the name was validated, the next-hop
 * domain) together with the {@link HopRequirement} the session was judged under. Only an equal
 * requirement finds it: a session opened for a {@code TLS-Required: No} message (RT-12), which may
 * be cleartext or unverified, is never handed to a REQUIRETLS or policy-bound message, and the
 * taker judges it again anyway.
 *
 * <p>A session is taken out while it is used, so one session never carries two transactions at
 * once, and a parked session holds no concurrency permit: the queue's limits count attempts, and a
 * parked session is only picked up by an attempt that holds one. Sessions idle longer than the
 * reuse time are closed (QUIT) by a background thread, each close on its own virtual thread, so a
 * slow peer's QUIT delays nobody; so is everything still parked on {@link #close()}.
 */
final class SessionCache implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger("delivery");

  /** What a parked session is filed under. */
  record Key(Candidate candidate, HopRequirement requirement) {}

  private final Duration idleLimit;
  private final int maxTransactions;
  private final InstantSource clock;
  private final Map<Key, Deque<ParkedSession>> parked = new HashMap<>(); // guarded by this
  private boolean closed; // guarded by this
  private @Nullable Thread reaper; // guarded by this

  /**
   * @param idleLimit how long a session may wait for its next transaction; zero turns reuse off
   * @param maxTransactions transactions per session at most; 1 turns reuse off
   */
  SessionCache(Duration idleLimit, int maxTransactions, InstantSource clock) {
    this.idleLimit = idleLimit;
    this.maxTransactions = maxTransactions;
    this.clock = clock;
  }

  boolean enabled() {
    return idleLimit.isPositive() && maxTransactions > 1;
  }

  /** Whether a session that has carried {@code transactions} may carry one more later. */
  boolean mayPark(int transactions) {
    return enabled() && transactions < maxTransactions;
  }

  /** The most recently parked session for {@code key} still within the idle limit, or null. */
  @Nullable ParkedSession take(Key key) {
    List<ParkedSession> stale = new ArrayList<>();
    ParkedSession found = null;
    synchronized (this) {
      Deque<ParkedSession> sessions = parked.get(key);
      Instant now = clock.instant();
      while (sessions != null && !sessions.isEmpty()) {
        ParkedSession s = sessions.pollLast();
        if (expired(s, now)) {
          stale.add(s);
        } else {
          found = s;
          break;
        }
      }
      if (sessions != null && sessions.isEmpty()) {
        parked.remove(key);
      }
    }
    stale.forEach(s -> quit(s, "idle"));
    return found;
  }

  /** Parks a session after its transaction; after {@link #close()} it is closed at once. */
  void park(Key key, SmtpClient client, Extensions ext, HopFacts facts, Hop hop, int transactions) {
    ParkedSession session = new ParkedSession(client, ext, facts, hop, transactions, clock.instant());
    synchronized (this) {
      if (!closed) {
        parked.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(session);
        if (reaper == null) {
          reaper = Thread.ofVirtual().name("delivery-session-reaper").start(this::reap);
        }
        return;
      }
    }
    quit(session, "shutdown");
  }

  /** Closes every session idle past the limit; returns how many. Runs periodically. */
  int closeIdle() {
    List<ParkedSession> stale = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (Iterator<Deque<ParkedSession>> it = parked.values().iterator(); it.hasNext(); ) {
        Deque<ParkedSession> sessions = it.next();
        // Oldest first: the deque is in parking order.
        while (!sessions.isEmpty() && expired(sessions.peekFirst(), now)) {
          stale.add(sessions.pollFirst());
        }
        if (sessions.isEmpty()) {
          it.remove();
        }
      }
    }
    stale.forEach(s -> quit(s, "idle"));
    return stale.size();
  }

  /** Sessions parked now; for tests and the shutdown log. */
  synchronized int size() {
    return parked.values().stream().mapToInt(Deque::size).sum();
  }

  /** QUITs every parked session; later parks close at once. */
  @Override
  public void close() {
    List<ParkedSession> all = new ArrayList<>();
    Thread r;
    synchronized (this) {
      closed = true;
      parked.values().forEach(all::addAll);
      parked.clear();
      r = reaper;
      reaper = null;
    }
    if (r != null) {
      r.interrupt();
    }
    List<Thread> quitting = new ArrayList<>();
    for (ParkedSession s : all) {
      quitting.add(quit(s, "shutdown"));
    }
    for (Thread t : quitting) {
      try {
        t.join(Duration.ofSeconds(2)); // a peer that does not answer QUIT is simply dropped
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  private boolean expired(ParkedSession s, Instant now) {
    return !now.isBefore(s.parkedAt().plus(idleLimit));
  }

  private void reap() {
    // Checks a few times per idle limit, so a session outlives it by a fraction of it at most.
    long pause = Math.clamp(idleLimit.toMillis() / 4, 10, 1000);
    while (true) {
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (closed) {
          return;
        }
      }
      closeIdle();
    }
  }

  /** QUIT on a virtual thread of its own: a peer slow to answer holds up no delivery. */
  private static Thread quit(ParkedSession s, String why) {
    return Thread.ofVirtual().name("delivery-quit").start(() -> {
      try {
        s.client().quit();
      } catch (IOException e) {
        // The session is being dropped anyway; a peer that already closed it is no news.
      }
      log.debug("session closed host={} reason={} transactions={}", s.hop().host(), why, s.transactions());
    });
  }
}
