package org.sealpost.delivery;

import java.util.List;
import java.util.function.Predicate;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.Recipient;

/**
 * Hands each attempt to the deliverer for its kind of destination: local mailboxes to local
 * delivery (refusing a mailbox that no longer exists in the configuration), remote domains and
 * the smart host to remote delivery.
 */
public final class DestinationDeliverer implements Deliverer {

  private final Deliverer local;
  private final Deliverer remote;
  private final Predicate<String> mailboxExists;

  public DestinationDeliverer(Deliverer local, Deliverer remote, Predicate<String> mailboxExists) {
    this.local = local;
    this.remote = remote;
    this.mailboxExists = mailboxExists;
  }

  @Override
  public List<RecipientOutcome> deliver(OutboundMessage message, Destination destination, List<Recipient> recipients) {
    return switch (destination) {
      case Destination.Local l when !mailboxExists.test(l.mailbox()) ->
          recipients.stream()
              .map(r -> new RecipientOutcome(r, new DeliveryOutcome.Failed(EnhancedStatus.of("5.1.1"), null,
                  "mailbox " + l.mailbox() + " no longer exists here", null)))
              .toList();
      case Destination.Local l -> local.deliver(message, destination, recipients);
      case Destination.Remote r -> remote.deliver(message, destination, recipients);
      case Destination.SmartHost s -> remote.deliver(message, destination, recipients);
    };
  }
}
