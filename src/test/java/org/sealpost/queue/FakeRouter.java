package org.sealpost.queue;

import org.sealpost.delivery.Destination;
import org.sealpost.delivery.Router;
import org.sealpost.mail.Recipient;

/**
 * Routes {@code x@local.test} to the local mailbox {@code x} and everything else to its domain;
 * {@code bug.test} makes the router throw, as a router bug would.
 */
final class FakeRouter implements Router {

  @Override
  public Destination route(Recipient recipient) {
    String domain = recipient.address().domain().name();
    return switch (domain) {
      case "local.test" -> new Destination.Local(recipient.address().localPart());
      case "bug.test" -> throw new IllegalStateException("router bug");
      default -> new Destination.Remote(recipient.address().domain());
    };
  }
}
