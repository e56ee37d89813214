package org.sealpost.inbound;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.TlsRequirement;

/**
 * The {@code Received} trace field Sealpost prepends when it accepts a message (RFC 5321 §4.4,
 * SMTP-8). Every value in it was validated by the session (EHLO syntax, address syntax), and the
 * field names are fixed strings (SEC-8). The TLS version and cipher suite go in a comment, as does
 * the REQUIRETLS tag, so no unregistered clause is emitted (EXT-7).
 */
final class ReceivedField {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ReceivedField() {}

  /** The {@code with} protocol name (RFC 3848, RFC 6531 §3.7.3). */
  static String protocol(boolean esmtp, boolean tls, boolean authenticated, boolean smtpUtf8) {
    if (smtpUtf8) {
      return "UTF8SMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
    }
    if (!esmtp) {
      return "SMTP";
    }
    return "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
  }

  static String render(
      ClientInfo client,
      String serverName,
      String protocol,
      QueueId id,
      TlsRequirement requirement,
      List<MailAddress> recipients,
      Instant now) {
    StringBuilder b = new StringBuilder(256);
    b.append("Received: from ").append(client.heloName());
    b.append(" ([").append(client.address()).append("])\r\n");
    b.append("\tby ").append(serverName).append(" (Sealpost) with ").append(protocol);
    b.append(" id ").append(id.value());
    if (client.tls() != null) {
      b.append("\r\n\t(using ").append(client.tls().protocol());
      b.append(" with cipher ").append(client.tls().cipherSuite()).append(')');
    }
    if (requirement == TlsRequirement.REQUIRE_TLS) {
      b.append(" (requiretls)");
    }
    if (recipients.size() == 1) {
      // RFC 5321 §4.4: "for" names exactly one path; with several it would disclose the others.
      b.append("\r\n\tfor <").append(recipients.getFirst()).append('>');
    }
    b.append("; ").append(DATE.format(now)).append("\r\n");
    return b.toString();
  }
}
