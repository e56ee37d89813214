package org.sealpost.report.dsn;

import static org.sealpost.report.dsn.MimeText.CRLF;
import static org.sealpost.report.dsn.MimeText.clean;
import static org.sealpost.report.dsn.MimeText.date;
import static org.sealpost.report.dsn.MimeText.field;

import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.OriginalRecipient;

/**
 * The machine-readable part (RFC 3464 §2.2-§2.3, DSN-9): per-message fields, then one group of
 * per-recipient fields for each recipient, groups separated by a blank line. Field order follows
 * the ABNF of RFC 3464 §2.2 and §2.3. In a global DSN (RFC 6533 §3) UTF-8 addresses are written as
 * they are, with the address type {@code utf-8}.
 */
final class DeliveryStatusPart {

  private DeliveryStatusPart() {}

  static String render(DsnReport report, String reportingMta, boolean global) {
    Envelope original = report.original();
    StringBuilder b = new StringBuilder(512);
    if (original.envId() != null) {
      // Stored xtext-decoded and checked printable by the SMTP server (DSN-1); cleaned again here.
      b.append(field("Original-Envelope-Id", clean(original.envId(), false)));
    }
    b.append(field("Reporting-MTA", "dns; " + reportingMta));
    // An extension field (RFC 3464 §2.4), as Postfix writes X-Postfix-Queue-ID: finds the log lines.
    b.append(field("X-Sealpost-Queue-ID", original.queueId().value()));
    b.append(field("Arrival-Date", date(original.arrival())));
    for (RecipientReport r : report.recipients()) {
      b.append(CRLF);
      recipient(b, r, global);
    }
    return b.toString();
  }

  private static void recipient(StringBuilder b, RecipientReport r, boolean global) {
    OriginalRecipient orcpt = r.recipient().orcpt();
    if (orcpt != null) {
      // DSN-9: only when ORCPT supplied it, kept as given (DSN-3).
      b.append(field("Original-Recipient", clean(orcpt.addressType(), false) + "; " + clean(orcpt.address(), global)));
    }
    b.append(field("Final-Recipient", addressField(r.recipient().address(), global)));
    b.append(field("Action", r.action().code()));
    DeliveryOutcome outcome = r.outcome();
    b.append(field("Status", outcome.status().toString()));
    Hop hop = outcome.hop();
    if (hop != null) {
      b.append(field("Remote-MTA", "dns; " + clean(hop.host(), false)));
    }
    String reply = outcome.remoteReply();
    if (reply != null && !reply.isBlank()) {
      b.append(field("Diagnostic-Code", "smtp; " + clean(reply, false)));
    }
    b.append(field("Last-Attempt-Date", date(r.lastAttempt())));
    if (r.willRetryUntil() != null) {
      b.append(field("Will-Retry-Until", date(r.willRetryUntil())));
    }
  }

  /**
   * {@code rfc822; addr}, or {@code utf-8; addr} for an address that needs SMTPUTF8 (RFC 6533 §3).
   * A UTF-8 address always makes the DSN global ({@link DsnReport#global()}), so it is written raw.
   */
  static String addressField(MailAddress address, boolean global) {
    String type = address.needsSmtpUtf8() ? "utf-8" : "rfc822";
    return type + "; " + clean(address.toString(), global);
  }
}
