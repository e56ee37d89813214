package org.sealpost.mail;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One envelope recipient with its DSN parameters. An empty {@code notifyOn} set means NOTIFY was not
 * given (the default, RFC 3461 §4.1: FAILURE, and DELAY at the MTA's discretion).
 */
public record Recipient(MailAddress address, Set<Notify> notifyOn, @Nullable OriginalRecipient orcpt) {

  public Recipient {
    notifyOn = Set.copyOf(notifyOn);
    if (notifyOn.contains(Notify.NEVER) && notifyOn.size() > 1) {
      throw new IllegalArgumentException("NOTIFY=NEVER cannot be combined");
    }
  }

  public static Recipient of(MailAddress address) {
    return new Recipient(address, Set.of(), null);
  }
}
