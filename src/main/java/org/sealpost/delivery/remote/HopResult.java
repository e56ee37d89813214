package org.sealpost.delivery.remote;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.mail.EnhancedStatus;

/** What one connection to one candidate came to. */
sealed interface HopResult {

  /**
   * The host did not meet what the message demands; it got QUIT (RT-25), or no connection at all
   * when its published policy ruled it out. {@code hop} says what the session had reached (for the
   * log and the DSN's Remote-MTA); null when there was no session.
   */
  record Refused(Candidate candidate, EnhancedStatus status, boolean permanent, String reason, @Nullable Hop hop)
      implements HopResult {}

  /** The host could not be used for a transport reason (TCP, timeout, TLS break, 4xx greeting). */
  record Unreachable(Candidate candidate, EnhancedStatus status, String reason) implements HopResult {}

  /** A transaction took place; one outcome per recipient. */
  record Transacted(List<RecipientOutcome> outcomes) implements HopResult {}
}
