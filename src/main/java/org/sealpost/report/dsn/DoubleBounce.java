package org.sealpost.report.dsn;

import org.sealpost.mail.MailAddress;

/**
 * What to do when a message with the null reverse path fails (DSN-5, SMTP-6): it is never answered
 * with a bounce; the local postmaster may be told instead, if the operator wants that.
 */
public sealed interface DoubleBounce {

  /** Send a notice (a DSN with the header section of the failed message) to the postmaster. */
  record ToPostmaster(MailAddress postmaster) implements DoubleBounce {}

  /** Only log the failure. */
  record LogOnly() implements DoubleBounce {}
}
