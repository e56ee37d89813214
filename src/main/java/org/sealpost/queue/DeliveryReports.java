package org.sealpost.queue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;

/**
 * Where the queue runner tells what became of recipients, so that delivery status notifications
 * can be sent (RFC 3461/3464; implemented in {@code report.dsn}, which decides from each
 * recipient's NOTIFY and the message's reverse path whether a DSN goes out, and queues it through
 * the same intake as any message). Implementations must be idempotent per recipient and state:
 * after a crash the runner may tell the same thing twice.
 */
public interface DeliveryReports {

  /** Recipients that reached a final state in one attempt: each outcome is Delivered or Failed. */
  void finished(OutboundMessage message, List<RecipientOutcome> outcomes, Instant at) throws IOException;

  /**
   * Recipients still deferred after the delay-notification threshold; told once per recipient.
   *
   * @param willRetryUntil when the queue gives up on them
   */
  void delayed(OutboundMessage message, List<RecipientOutcome> outcomes, Instant at, Instant willRetryUntil)
      throws IOException;
}
