package org.sealpost.delivery;

import org.sealpost.mail.Recipient;

/** The outcome of one attempt for one recipient. */
public record RecipientOutcome(Recipient recipient, DeliveryOutcome outcome) {}
