package org.sealpost.delivery;

import java.util.List;
import org.sealpost.mail.Recipient;

/**
 * Makes one delivery attempt of one message to recipients that share a destination. Returns one
 * outcome per recipient, in order; never throws for a protocol or network outcome (those are
 * {@link DeliveryOutcome.Deferred} or {@link DeliveryOutcome.Failed}). An unexpected exception is a
 * bug, and the queue runner counts it as a deferral.
 */
public interface Deliverer {

  List<RecipientOutcome> deliver(OutboundMessage message, Destination destination, List<Recipient> recipients);
}
