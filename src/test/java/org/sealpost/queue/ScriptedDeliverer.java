package org.sealpost.queue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.sealpost.delivery.Deliverer;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.delivery.TlsLevel;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;

/**
 * A deliverer whose answer per destination key is scripted (default: delivered). It records every
 * call, can hold calls to a destination at a gate, can throw, and counts how many calls run at once
 * in total and per destination.
 */
final class ScriptedDeliverer implements Deliverer {

  record Call(QueueId id, String destination, List<MailAddress> recipients, Instant at) {}

  static final Hop HOP = new Hop("mx.example.net", "192.0.2.25", 25, TlsLevel.DANE, true);

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final InstantSource clock;
  private final Map<String, Function<Recipient, DeliveryOutcome>> script = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> runningPer = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> maxPer = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();

  ScriptedDeliverer(InstantSource clock) {
    this.clock = clock;
  }

  static DeliveryOutcome sent() {
    return new DeliveryOutcome.Delivered(EnhancedStatus.of("2.0.0"), "250 2.0.0 Ok", "accepted", HOP);
  }

  static DeliveryOutcome deferred() {
    return new DeliveryOutcome.Deferred(EnhancedStatus.of("4.4.1"), null,
        "connection refused by all MX hosts", null);
  }

  static DeliveryOutcome failed() {
    return new DeliveryOutcome.Failed(EnhancedStatus.of("5.1.1"), "550 5.1.1 no such user",
        "the recipient's server says the mailbox does not exist", HOP);
  }

  void answer(String destinationKey, Function<Recipient, DeliveryOutcome> outcome) {
    script.put(destinationKey, outcome);
  }

  /** Calls to this destination wait until the returned latch is counted down. */
  CountDownLatch gate(String destinationKey) {
    return gates.computeIfAbsent(destinationKey, k -> new CountDownLatch(1));
  }

  int maxRunning() {
    return maxRunning.get();
  }

  int maxRunning(String destinationKey) {
    AtomicInteger m = maxPer.get(destinationKey);
    return m == null ? 0 : m.get();
  }

  List<Call> callsTo(String destinationKey) {
    return calls.stream().filter(c -> c.destination().equals(destinationKey)).toList();
  }

  @Override
  public List<RecipientOutcome> deliver(OutboundMessage message, Destination destination,
      List<Recipient> recipients) {
    String key = destination.key();
    calls.add(new Call(message.envelope().queueId(), key,
        recipients.stream().map(Recipient::address).toList(), clock.instant()));
    int now = running.incrementAndGet();
    maxRunning.accumulateAndGet(now, Math::max);
    int nowPer = runningPer.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    maxPer.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(nowPer, Math::max);
    try {
      CountDownLatch gate = gates.get(key);
      if (gate != null) {
        gate.await();
      }
      Function<Recipient, DeliveryOutcome> answer = script.getOrDefault(key, r -> sent());
      List<RecipientOutcome> out = new ArrayList<>();
      for (Recipient r : recipients) {
        out.add(new RecipientOutcome(r, answer.apply(r)));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return recipients.stream().map(r -> new RecipientOutcome(r, deferred())).toList();
    } finally {
      runningPer.get(key).decrementAndGet();
      running.decrementAndGet();
    }
  }
}
