package org.sealpost.report.dsn;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.mail.Recipient;

/**
 * What a DSN says about one recipient: its action, the outcome of the last attempt (status,
 * remote reply, reason, hop) and when, and for {@link DsnAction#DELAYED} until when attempts go on.
 */
public record RecipientReport(
    Recipient recipient,
    DsnAction action,
    DeliveryOutcome outcome,
    Instant lastAttempt,
    @Nullable Instant willRetryUntil) {

  /**
   * The report for one outcome: Failed is {@code failed}, Deferred {@code delayed}; Delivered is
   * {@code delivered} when stored here (no hop) and {@code relayed} when a next hop took it.
   */
  public static RecipientReport of(RecipientOutcome o, Instant at, @Nullable Instant willRetryUntil) {
    DsnAction action = switch (o.outcome()) {
      case DeliveryOutcome.Failed f -> DsnAction.FAILED;
      case DeliveryOutcome.Deferred d -> DsnAction.DELAYED;
      case DeliveryOutcome.Delivered d -> d.hop() == null ? DsnAction.DELIVERED : DsnAction.RELAYED;
    };
    return new RecipientReport(
        o.recipient(), action, o.outcome(), at, action == DsnAction.DELAYED ? willRetryUntil : null);
  }
}
