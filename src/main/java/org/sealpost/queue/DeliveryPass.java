package org.sealpost.queue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.mail.Notify;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over one due message, the whole chain in {@link #run()}: hand over reports a previous
 * pass could not, route every pending recipient, group them by {@link Destination#key()}, make one
 * attempt per group (each on its own virtual thread, within the {@link ConcurrencyLimits}), record
 * each group's outcomes durably and only then report them, expire what is too old, send delay
 * notices, and finally remove the message or defer it to its next attempt.
 *
 * <p>Groups of one message finish independently: their outcomes are saved and reported as soon as
 * they arrive, under a per-message lock, so one slow destination delays neither the other
 * recipients' DSNs nor the durability of their outcomes.
 */
final class DeliveryPass {

  private static final Logger log = LoggerFactory.getLogger(DeliveryPass.class);
  private static final EnhancedStatus INTERNAL_ERROR = new EnhancedStatus(4, 3, 0);
  /** RFC 3463: X.4.7 "delivery time expired", permanent once we give up. */
  static final EnhancedStatus EXPIRED = new EnhancedStatus(5, 4, 7);

  private final PassContext ctx;
  private final QueueEntry entry;
  private final Envelope envelope;
  private final QueueId id;
  private final OutboundMessage message;
  private final ReentrantLock lock = new ReentrantLock(); // guards status and saves
  private DeliveryStatus status;
  private @Nullable IOException saveFailure;
  private volatile boolean attempted; // some outcome was recorded in this pass
  private volatile boolean skipped; // some group was not attempted because of shutdown
  private boolean abandoned; // shutdown interrupted the pass itself: touch nothing more

  private DeliveryPass(PassContext ctx, QueueEntry entry, DeliveryStatus status) {
    this.ctx = ctx;
    this.entry = entry;
    this.envelope = entry.envelope();
    this.id = entry.queueId();
    this.message = new OutboundMessage(envelope, new QueuedContent(entry));
    this.status = status;
  }

  /**
   * Runs a pass over message {@code id}. Returns when to try again, or null when there is nothing
   * to schedule: delivered and reported (removed), gone, on hold, or cut short by shutdown (the
   * next start picks it up). An {@link IOException} means the spool failed; the caller retries.
   */
  static @Nullable Instant run(PassContext ctx, QueueId id) throws IOException {
    Optional<QueueEntry> found = ctx.spool().find(id);
    if (found.isEmpty()) {
      ctx.spool().statuses().delete(id); // removed, or quarantined as corrupt
      return null;
    }
    QueueEntry entry = found.get();
    if (entry.state() == QueueState.HOLD) {
      log.info("{}: on hold, not attempted", id);
      return null;
    }
    return new DeliveryPass(ctx, entry, loadStatus(ctx, entry)).run();
  }

  private static DeliveryStatus loadStatus(PassContext ctx, QueueEntry entry) throws IOException {
    Envelope envelope = entry.envelope();
    try {
      Optional<DeliveryStatus> saved = ctx.spool().statuses().load(entry.queueId());
      if (saved.isEmpty() || saved.get().matches(envelope)) {
        return saved.orElseGet(() -> DeliveryStatus.fresh(envelope));
      }
      log.warn("{}: status record does not match the envelope, every recipient pending again",
          entry.queueId());
    } catch (CorruptQueueFileException e) {
      // At-least-once: redelivering is better than losing a recipient.
      log.warn("{}: status record unreadable, every recipient pending again reason=\"{}\"",
          entry.queueId(), e.getMessage());
    }
    return DeliveryStatus.fresh(envelope);
  }

  private @Nullable Instant run() throws IOException {
    withLock(() -> report(indexes(RecipientStatus::awaitsReport)));
    List<Integer> pending = indexes(r -> r.state() == RecipientState.PENDING);
    if (!pending.isEmpty()) {
      deliver(pending);
    }
    if (saveFailure != null) {
      throw saveFailure;
    }
    if (abandoned || (!attempted && skipped)) {
      return null; // shut down before anything happened: the message stays as it was
    }
    Instant now = ctx.clock().instant();
    expire(now);
    delayNotices(now);
    if (status.complete()) {
      // Queue file first: a crash in between leaves an orphan record, which open() deletes.
      ctx.spool().remove(entry);
      ctx.spool().statuses().delete(id);
      return null;
    }
    List<Integer> deferred = indexes(r -> r.state() == RecipientState.PENDING);
    int attempts = deferred.stream().mapToInt(i -> status.recipients().get(i).attempts()).max().orElse(0);
    Instant next = skipped
        ? now // cut short by shutdown: due again as soon as the next start
        : deferred.isEmpty()
            ? now.plus(ctx.schedule().reportRetry()) // only reports left to hand over
            : ctx.schedule().nextAttempt(envelope, Math.max(1, attempts), now);
    status = status.withNextAttempt(next);
    ctx.spool().statuses().save(status);
    if (entry.state() != QueueState.DEFERRED) {
      ctx.spool().move(entry, QueueState.DEFERRED);
    }
    log.info("{}: deferred next_attempt={} pending={}", id, next, deferred.size());
    return next;
  }

  /** Routes the pending recipients and runs one attempt per destination, all at once. */
  private void deliver(List<Integer> pending) {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int i : pending) {
      Recipient recipient = envelope.recipients().get(i);
      Destination destination;
      try {
        destination = ctx.services().router().route(recipient);
      } catch (RuntimeException e) {
        log.error("{}: router failed for to=<{}> (a bug; counted as a deferral)",
            id, recipient.address(), e);
        record(List.of(i), List.of(internalError("routing", e)), ctx.clock().instant(), null);
        continue;
      }
      groups.computeIfAbsent(destination.key(), k -> new Group(destination)).indexes.add(i);
    }
    List<Thread> threads = new ArrayList<>();
    for (Group group : groups.values()) {
      threads.add(Thread.ofVirtual()
          .name("delivery-" + id + "-" + group.destination.key())
          .start(() -> attempt(group)));
    }
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt); // shutdown ran out of patience
      abandoned = true;
      Thread.currentThread().interrupt();
    }
  }

  private static final class Group {
    final Destination destination;
    final List<Integer> indexes = new ArrayList<>();

    Group(Destination destination) {
      this.destination = destination;
    }
  }

  /** One attempt: one Deliverer call for every recipient of this message at one destination. */
  private void attempt(Group group) {
    ConcurrencyLimits.Lease lease;
    try {
      lease = ctx.limits().acquire(group.destination.key());
    } catch (InterruptedException e) {
      skipped = true; // shutdown: not attempted
      Thread.currentThread().interrupt();
      return;
    }
    try {
      if (ctx.stopping().getAsBoolean()) {
        skipped = true; // not attempted: no outcome, no attempt counted
        return;
      }
      Instant at = ctx.clock().instant();
      List<Recipient> recipients = group.indexes.stream().map(envelope.recipients()::get).toList();
      record(group.indexes, outcomes(group.destination, recipients), at, group.destination);
    } finally {
      lease.close();
    }
  }

  /** The deliverer's outcomes, one per recipient in order; anything else is a bug, i.e. a deferral. */
  private List<DeliveryOutcome> outcomes(Destination destination, List<Recipient> recipients) {
    List<RecipientOutcome> got;
    try {
      got = ctx.services().deliverer().deliver(message, destination, recipients);
    } catch (RuntimeException e) {
      log.error("{}: deliverer failed destination={} (a bug; counted as a deferral)",
          id, destination.key(), e);
      DeliveryOutcome deferral = internalError("delivery", e);
      return recipients.stream().map(r -> deferral).toList();
    }
    List<DeliveryOutcome> out = new ArrayList<>(recipients.size());
    for (int k = 0; k < recipients.size(); k++) {
      RecipientOutcome o = got != null && k < got.size() ? got.get(k) : null;
      if (o == null || !o.recipient().address().equals(recipients.get(k).address())) {
        log.error("{}: deliverer gave no outcome for to=<{}> destination={} (a bug; counted as a "
            + "deferral)", id, recipients.get(k).address(), destination.key());
        out.add(new DeliveryOutcome.Deferred(INTERNAL_ERROR, null,
            "internal error: delivery reported no outcome for this recipient", null));
      } else {
        out.add(o.outcome());
      }
    }
    return out;
  }

  private static DeliveryOutcome internalError(String step, RuntimeException e) {
    return new DeliveryOutcome.Deferred(INTERNAL_ERROR, null,
        "internal error in " + step + ": " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
  }

  /** Saves the outcomes of one attempt, logs them, then reports the final ones. */
  private void record(
      List<Integer> indexes, List<DeliveryOutcome> outcomes, Instant at, @Nullable Destination destination) {
    withLock(() -> {
      DeliveryStatus updated = status;
      for (int k = 0; k < indexes.size(); k++) {
        int i = indexes.get(k);
        updated = updated.with(i, updated.recipients().get(i).attempted(outcomes.get(k), at));
      }
      try {
        if (!deliveredQuietly(updated)) {
          ctx.spool().statuses().save(updated); // durable BEFORE anyone is told
        }
      } catch (IOException e) {
        log.warn("{}: could not save delivery status, outcomes not recorded error={}", id, e.toString());
        saveFailure = e;
        return;
      }
      status = updated;
      attempted = true;
      for (int k = 0; k < indexes.size(); k++) {
        log.info("{}", AttemptLog.line(id, status.recipients().get(indexes.get(k)).address(),
            outcomes.get(k), destination instanceof Destination.Local));
      }
      report(indexes.stream().filter(i -> status.recipients().get(i).state().isFinal()).toList());
    });
  }

  /**
   * True when this attempt delivered the last pending recipients and nobody asked to hear of it
   * (no NOTIFY=SUCCESS): then no record is needed, since the queue file is removed next and a crash
   * before that only delivers the message again (at least once, never lost). Saves a file and a
   * directory fsync per relayed message.
   */
  private boolean deliveredQuietly(DeliveryStatus updated) {
    return updated.recipients().stream().allMatch(r -> r.state() == RecipientState.DELIVERED)
        && envelope.recipients().stream().noneMatch(r -> r.notifyOn().contains(Notify.SUCCESS));
  }

  /** Gives up on recipients still pending past the lifetime: 5.4.7, reported as failed. */
  private void expire(Instant now) throws IOException {
    if (!ctx.schedule().expired(envelope, now)) {
      return;
    }
    List<Integer> pending = indexes(r -> r.state() == RecipientState.PENDING);
    if (pending.isEmpty()) {
      return;
    }
    String lifetime = RetrySchedule.describe(ctx.schedule().lifetime(envelope));
    DeliveryStatus updated = status;
    for (int i : pending) {
      RecipientStatus r = updated.recipients().get(i);
      DeliveryOutcome last = r.lastOutcome();
      DeliveryOutcome.Failed expired = new DeliveryOutcome.Failed(
          EXPIRED,
          last == null ? null : last.remoteReply(),
          "delivery time expired after " + lifetime
              + (last == null ? "" : "; last error: " + last.reason()),
          last == null ? null : last.hop());
      updated = updated.with(i, r.expired(expired));
    }
    ctx.spool().statuses().save(updated);
    status = updated;
    for (int i : pending) {
      RecipientStatus r = status.recipients().get(i);
      log.info("{}", AttemptLog.expiredLine(id, r.address(), Objects.requireNonNull(r.lastOutcome())));
    }
    if (envelope.hasNullReversePath()) {
      // SMTP-6: a bounce is never bounced; the reports see a failure and send nothing.
      log.info("{}: dropped null-sender message after bounce_lifetime={} nrcpt={}",
          id, lifetime, pending.size());
    }
    withLock(() -> report(pending));
  }

  /** Tells the reports, once per recipient, about recipients deferred past delay_notice_after. */
  private void delayNotices(Instant now) {
    if (!ctx.schedule().delayNoticeDue(envelope, now)) {
      return;
    }
    List<Integer> due = indexes(r -> r.deferred() && !r.delayNoticeSent());
    if (due.isEmpty()) {
      return;
    }
    try {
      ctx.services().reports().delayed(message, outcomesOf(due), now, ctx.schedule().expiry(envelope));
      for (int i : due) {
        status = status.with(i, status.recipients().get(i).withDelayNoticeSent());
      }
      log.info("{}: delay notice handed over nrcpt={}", id, due.size());
    } catch (IOException e) {
      log.warn("{}: delay notice not handed over, retried at the next attempt nrcpt={} error={}",
          id, due.size(), e.toString());
    } catch (RuntimeException e) {
      log.error("{}: delay notice failed (a bug), retried at the next attempt", id, e);
    }
  }

  /**
   * Hands final outcomes to the reports; marks them reported when that worked (saved with the next
   * save; a crash first means they are told twice, which reports accept). Call with the lock held.
   */
  private void report(List<Integer> finals) {
    if (finals.isEmpty()) {
      return;
    }
    try {
      ctx.services().reports().finished(message, outcomesOf(finals), ctx.clock().instant());
      for (int i : finals) {
        status = status.with(i, status.recipients().get(i).withReported());
      }
    } catch (IOException e) {
      log.warn("{}: outcomes not handed to reports, retried at the next pass nrcpt={} error={}",
          id, finals.size(), e.toString());
    } catch (RuntimeException e) {
      log.error("{}: reporting outcomes failed (a bug), retried at the next pass", id, e);
    }
  }

  private List<RecipientOutcome> outcomesOf(List<Integer> indexes) {
    List<RecipientOutcome> out = new ArrayList<>(indexes.size());
    for (int i : indexes) {
      DeliveryOutcome o = status.recipients().get(i).lastOutcome();
      if (o != null) {
        out.add(new RecipientOutcome(envelope.recipients().get(i), o));
      }
    }
    return out;
  }

  private List<Integer> indexes(java.util.function.Predicate<RecipientStatus> which) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < status.recipients().size(); i++) {
      if (which.test(status.recipients().get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  private void withLock(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }
}
