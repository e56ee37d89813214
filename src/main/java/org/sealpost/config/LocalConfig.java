package org.sealpost.config;

import java.util.List;
import org.sealpost.mail.Domain;

/**
 * {@code [local]}: the domains Sealpost is the final destination for, and the mailboxes (local
 * parts, matched case-insensitively) that exist in each of them. {@code postmaster} always exists
 * (RFC 5321 §4.5.1) and is delivered to the mailbox named by {@code postmaster}.
 */
public record LocalConfig(List<Domain> domains, List<String> mailboxes, String postmaster) {

  public LocalConfig {
    domains = List.copyOf(domains);
    mailboxes = List.copyOf(mailboxes);
  }
}
