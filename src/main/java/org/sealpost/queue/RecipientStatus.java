package org.sealpost.queue;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.mail.MailAddress;

/**
 * What the queue knows about one recipient of a message: its state, how many attempts were made
 * and when, the last outcome (status, remote reply, reason, hop), and which reports went out.
 *
 * @param address the recipient, to check that a status record matches its envelope
 * @param delayNoticeSent a delay notice was handed to the reports (told once, RFC 3464 §2.3.3)
 * @param reported the final outcome was handed to the reports; false while it still must be
 */
public record RecipientStatus(
    MailAddress address,
    RecipientState state,
    int attempts,
    @Nullable Instant firstAttempt,
    @Nullable Instant lastAttempt,
    @Nullable DeliveryOutcome lastOutcome,
    boolean delayNoticeSent,
    boolean reported) {

  public RecipientStatus {
    if (attempts < 0) {
      throw new IllegalArgumentException("negative attempt count");
    }
  }

  /** A recipient nothing has happened to yet. */
  static RecipientStatus fresh(MailAddress address) {
    return new RecipientStatus(address, RecipientState.PENDING, 0, null, null, null, false, false);
  }

  /** The result of one attempt made at {@code at}. */
  RecipientStatus attempted(DeliveryOutcome outcome, Instant at) {
    return new RecipientStatus(address, stateAfter(outcome), attempts + 1,
        firstAttempt == null ? at : firstAttempt, at, outcome, delayNoticeSent, false);
  }

  /** Given up without another attempt (the message expired): the outcome is a failure. */
  RecipientStatus expired(DeliveryOutcome.Failed outcome) {
    return new RecipientStatus(address, RecipientState.FAILED, attempts, firstAttempt, lastAttempt,
        outcome, delayNoticeSent, false);
  }

  RecipientStatus withReported() {
    return new RecipientStatus(address, state, attempts, firstAttempt, lastAttempt, lastOutcome,
        delayNoticeSent, true);
  }

  RecipientStatus withDelayNoticeSent() {
    return new RecipientStatus(address, state, attempts, firstAttempt, lastAttempt, lastOutcome,
        true, reported);
  }

  /** Final, but DeliveryReports has not taken the news yet. */
  boolean awaitsReport() {
    return state.isFinal() && !reported;
  }

  /** Pending after at least one attempt, i.e. deferred. */
  boolean deferred() {
    return state == RecipientState.PENDING && attempts > 0;
  }

  static RecipientState stateAfter(DeliveryOutcome outcome) {
    return switch (outcome) {
      case DeliveryOutcome.Delivered d -> RecipientState.DELIVERED;
      case DeliveryOutcome.Deferred d -> RecipientState.PENDING;
      case DeliveryOutcome.Failed f -> RecipientState.FAILED;
    };
  }
}
