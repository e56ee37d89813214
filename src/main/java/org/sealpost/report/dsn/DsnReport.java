package org.sealpost.report.dsn;

import java.util.List;
import org.sealpost.delivery.MessageContent;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;

/**
 * Everything one DSN message reports: the original message (envelope and content, for the
 * per-message fields and the returned header section or message), who the DSN goes to, and the
 * recipients it is about, in order.
 */
public record DsnReport(
    Envelope original, MessageContent content, MailAddress to, DsnAudience audience, List<RecipientReport> recipients) {

  public DsnReport {
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a DSN reports at least one recipient");
    }
  }

  boolean any(DsnAction action) {
    return recipients.stream().anyMatch(r -> r.action() == action);
  }

  /**
   * RFC 6533: an SMTPUTF8 message, or any UTF-8 address involved, makes the DSN use the global
   * types ({@code message/global-delivery-status}, {@code message/global(-headers)}).
   */
  boolean global() {
    if (original.smtpUtf8() || to.needsSmtpUtf8()) {
      return true;
    }
    MailAddress sender = original.reversePath();
    return (sender != null && sender.needsSmtpUtf8())
        || recipients.stream().anyMatch(r -> r.recipient().address().needsSmtpUtf8());
  }
}
