package org.sealpost.queue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.mail.QueueId;

/** Records what the runner reports; can fail the next calls with an IOException (a full disk). */
final class RecordingReports implements DeliveryReports {

  record Report(QueueId id, List<RecipientOutcome> outcomes, Instant at) {}

  final List<Report> finished = new CopyOnWriteArrayList<>();
  final List<Report> delayed = new CopyOnWriteArrayList<>();
  final List<Instant> delayedUntil = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();

  /** The next {@code n} calls throw. */
  void failNext(int n) {
    failures.set(n);
  }

  @Override
  public void finished(OutboundMessage message, List<RecipientOutcome> outcomes, Instant at)
      throws IOException {
    maybeFail();
    finished.add(new Report(message.envelope().queueId(), List.copyOf(outcomes), at));
  }

  @Override
  public void delayed(OutboundMessage message, List<RecipientOutcome> outcomes, Instant at,
      Instant willRetryUntil) throws IOException {
    maybeFail();
    delayed.add(new Report(message.envelope().queueId(), List.copyOf(outcomes), at));
    delayedUntil.add(willRetryUntil);
  }

  private void maybeFail() throws IOException {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IOException("injected report failure");
    }
  }
}
