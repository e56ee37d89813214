package org.sealpost.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;

/**
 * The delivery state of one queued message, saved as {@code spool/status/QUEUEID} beside the
 * immutable queue file ({@link StatusCodec}). Recipients are in envelope order, one status each.
 *
 * @param nextAttempt when the runner tries again; null before the first attempt
 */
public record DeliveryStatus(QueueId queueId, List<RecipientStatus> recipients, @Nullable Instant nextAttempt) {

  public DeliveryStatus {
    recipients = List.copyOf(recipients);
  }

  /** The status of a message nothing has been tried for: every recipient pending. */
  static DeliveryStatus fresh(Envelope envelope) {
    return new DeliveryStatus(
        envelope.queueId(),
        envelope.recipients().stream().map(r -> RecipientStatus.fresh(r.address())).toList(),
        null);
  }

  /** True when this record was written for {@code envelope}: same id, same recipients in order. */
  boolean matches(Envelope envelope) {
    if (!queueId.equals(envelope.queueId()) || recipients.size() != envelope.recipients().size()) {
      return false;
    }
    for (int i = 0; i < recipients.size(); i++) {
      Recipient r = envelope.recipients().get(i);
      if (!recipients.get(i).address().equals(r.address())) {
        return false;
      }
    }
    return true;
  }

  DeliveryStatus with(int index, RecipientStatus status) {
    List<RecipientStatus> copy = new ArrayList<>(recipients);
    copy.set(index, status);
    return new DeliveryStatus(queueId, copy, nextAttempt);
  }

  DeliveryStatus withNextAttempt(@Nullable Instant at) {
    return new DeliveryStatus(queueId, recipients, at);
  }

  /** Every recipient delivered or failed, and every outcome told to the reports. */
  boolean complete() {
    return recipients.stream().allMatch(r -> r.state().isFinal() && r.reported());
  }
}
