package org.sealpost.delivery;

import org.jspecify.annotations.Nullable;
import org.sealpost.mail.EnhancedStatus;

/**
 * What one delivery attempt did for one recipient. Each carries an enhanced status, the remote
 * server's reply when there was one (for the DSN {@code Diagnostic-Code}), a reason an admin
 * understands, and the hop it concerned when a remote host was involved.
 */
public sealed interface DeliveryOutcome {

  EnhancedStatus status();

  /** The remote reply, as received (e.g. {@code 550 5.1.1 no such user}); null when none. */
  @Nullable String remoteReply();

  /** Why, in words an admin understands (logged and shown in DSNs). */
  String reason();

  /** The remote hop involved, if any. */
  @Nullable Hop hop();

  /** Accepted by the next hop (relayed) or stored in the mailbox (delivered). */
  record Delivered(EnhancedStatus status, @Nullable String remoteReply, String reason, @Nullable Hop hop)
      implements DeliveryOutcome {}

  /** A temporary failure: try again later, per the retry schedule. */
  record Deferred(EnhancedStatus status, @Nullable String remoteReply, String reason, @Nullable Hop hop)
      implements DeliveryOutcome {}

  /** A permanent failure: bounce. */
  record Failed(EnhancedStatus status, @Nullable String remoteReply, String reason, @Nullable Hop hop)
      implements DeliveryOutcome {}
}
