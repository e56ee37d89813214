package org.sealpost.smtp;

import org.sealpost.mail.MailAddress;

/** The argument of RCPT TO (RFC 5321 §4.1.2): a mailbox, or {@code <postmaster>} alone. */
public sealed interface ForwardPath {

  /**
   * {@code RCPT TO:<Postmaster>} without a domain (case-insensitive): the postmaster of this server,
   * which MUST be accepted (RFC 5321 §4.1.1.3, §4.5.1, SMTP-14).
   */
  record Postmaster() implements ForwardPath {}

  /** A recipient mailbox; any source route was dropped (RFC 5321 §4.1.1.3, SEC-7). */
  record Mailbox(MailAddress address) implements ForwardPath {}
}
