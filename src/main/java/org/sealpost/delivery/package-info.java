/**
 * Delivery: takes a queued message to its recipients and reports a typed outcome per recipient.
 *
 * <p>The queue runner ({@code org.sealpost.queue}) asks a {@link org.sealpost.delivery.Router} where
 * each recipient goes ({@link org.sealpost.delivery.Destination}), groups recipients that share a
 * destination into one attempt, and hands each group to a {@link org.sealpost.delivery.Deliverer}.
 * Local mailboxes are delivered by {@code delivery.local}, remote domains by
 * {@code delivery.remote} with the security RFC 8689 and the TLS policy demand. Outcomes are values
 * ({@link org.sealpost.delivery.DeliveryOutcome}); exceptions are for bugs.
 *
 * <p>This package never imports {@code queue}, {@code inbound} or {@code report}: the queue calls
 * delivery, not the other way round.
 */
@NullMarked
package org.sealpost.delivery;

import org.jspecify.annotations.NullMarked;
