package org.sealpost.policy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.sealpost.config.LocalConfig;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;

/**
 * The mailboxes Sealpost is the final destination for ({@code [local]}): which domains are local,
 * and which mailbox a local address names. {@code postmaster} always exists (RFC 5321 §4.5.1) and
 * maps to the configured postmaster mailbox; local parts match case-insensitively.
 */
public final class LocalMailboxes {

  private final Set<Domain> domains;
  private final Set<String> mailboxes = new HashSet<>();
  private final String postmaster;

  public LocalMailboxes(LocalConfig local) {
    this.domains = Set.copyOf(local.domains());
    for (String m : local.mailboxes()) {
      mailboxes.add(m.toLowerCase(Locale.ROOT));
    }
    this.postmaster = local.postmaster().toLowerCase(Locale.ROOT);
  }

  public boolean isLocal(Domain domain) {
    return domains.contains(domain);
  }

  public String postmaster() {
    return postmaster;
  }

  /** Whether a mailbox of this name is configured (the postmaster's always is). */
  public boolean exists(String mailbox) {
    String m = mailbox.toLowerCase(Locale.ROOT);
    return m.equals(postmaster) || mailboxes.contains(m);
  }

  /** The mailbox of a local address, or empty when the domain is not local or no such mailbox exists. */
  public Optional<String> mailbox(MailAddress address) {
    if (!isLocal(address.domain())) {
      return Optional.empty();
    }
    if (address.isPostmaster()) {
      return Optional.of(postmaster);
    }
    String m = address.localPart().toLowerCase(Locale.ROOT);
    return mailboxes.contains(m) ? Optional.of(m) : Optional.empty();
  }
}
