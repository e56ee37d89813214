package org.sealpost.smtp;

import org.sealpost.mail.MailAddress;

/** The argument of MAIL FROM (RFC 5321 §4.1.2): the null path {@code <>} or a mailbox. */
public sealed interface ReversePath {

  /** {@code MAIL FROM:<>}: bounces and other notifications (SMTP-6). */
  record Null() implements ReversePath {}

  /** A sender mailbox; any source route was dropped (RFC 5321 §4.1.1.3, SEC-7). */
  record Mailbox(MailAddress address) implements ReversePath {}
}
