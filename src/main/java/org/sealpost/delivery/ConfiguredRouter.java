package org.sealpost.delivery;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Recipient;
import org.sealpost.policy.LocalMailboxes;

/**
 * Routes by the configuration: local domains to their mailboxes, everything else to its domain's
 * MX hosts, or to the smart host when one is configured.
 */
public final class ConfiguredRouter implements Router {

  private final LocalMailboxes local;
  private final Destination.@Nullable SmartHost smartHost;

  public ConfiguredRouter(LocalMailboxes local, Destination.@Nullable SmartHost smartHost) {
    this.local = local;
    this.smartHost = smartHost;
  }

  @Override
  public Destination route(Recipient recipient) {
    var address = recipient.address();
    if (local.isLocal(address.domain())) {
      // A mailbox removed from the config after acceptance keeps its name; local delivery refuses it.
      return new Destination.Local(
          local.mailbox(address).orElse(address.localPart().toLowerCase(Locale.ROOT)));
    }
    return smartHost != null ? smartHost : new Destination.Remote(address.domain());
  }
}
