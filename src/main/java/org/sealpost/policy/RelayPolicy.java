package org.sealpost.policy;

import java.net.InetAddress;
import java.util.List;
import org.sealpost.config.LocalConfig;
import org.sealpost.config.NetworkRange;
import org.sealpost.config.RelayConfig;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;

/**
 * Who may send to whom (RFC 5321 §7.9, SMTP-15, SEC-7, SEC-10). Recipients in local domains are
 * accepted from anyone when the mailbox exists; other domains only from authenticated clients or
 * trusted networks. Addresses are compared in canonical form ({@link Domain} folds case, IDN and a
 * trailing dot), and sender-specified routing inside a local address ({@code a%b@local},
 * {@code b!a@local}, a quoted {@code "a@b"@local}) is refused from untrusted clients: Sealpost never
 * routes on it, and refusing it keeps scanners from mistaking us for an open relay.
 */
public final class RelayPolicy {

  private final LocalMailboxes local;
  private final List<NetworkRange> trustedNetworks;

  public RelayPolicy(LocalConfig local, RelayConfig relay) {
    this.local = new LocalMailboxes(local);
    this.trustedNetworks = relay.trustedNetworks();
  }

  public boolean isTrusted(InetAddress client) {
    for (NetworkRange r : trustedNetworks) {
      if (r.contains(client)) {
        return true;
      }
    }
    return false;
  }

  public boolean isLocal(Domain domain) {
    return local.isLocal(domain);
  }

  /** RFC 5321 §4.5.1: {@code RCPT TO:<postmaster>} with no domain is always accepted. */
  public RecipientDecision decidePostmaster() {
    return new RecipientDecision.Local(local.postmaster());
  }

  public RecipientDecision decide(MailAddress recipient, InetAddress client, boolean authenticated) {
    boolean mayRelay = authenticated || isTrusted(client);
    if (isLocal(recipient.domain())) {
      if (!mayRelay && hasSenderRouting(recipient.localPart())) {
        return new RecipientDecision.Refused(
            550, "5.7.1", "sender-specified routing is not allowed");
      }
      // SEC-10: an unknown mailbox is refused at RCPT time rather than accepted and bounced later.
      return local.mailbox(recipient)
          .<RecipientDecision>map(RecipientDecision.Local::new)
          .orElseGet(() -> new RecipientDecision.Refused(550, "5.1.1", "no such mailbox here"));
    }
    if (mayRelay) {
      return new RecipientDecision.Relay();
    }
    return new RecipientDecision.Refused(550, "5.7.1", "relaying denied; authenticate first");
  }

  private static boolean hasSenderRouting(String localPart) {
    return localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0 || localPart.indexOf('@') >= 0;
  }
}
