package org.sealpost.delivery.remote;

import java.util.stream.Collectors;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.Notify;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.smtp.Xtext;
import org.sealpost.smtp.client.Extensions;

/**
 * The MAIL and RCPT command lines for one hop, with the parameters the hop offers: SIZE (RFC 1870),
 * BODY (RFC 6152), SMTPUTF8 (RFC 6531), RET/ENVID/NOTIFY/ORCPT passed on unchanged when the hop
 * offers DSN and left out otherwise (RFC 3461 §5.2, DSN-3, DSN-4), and REQUIRETLS (RFC 8689 §4.2.1,
 * RT-27). Sealpost never sends the draft-03 forms (DRAFT-8).
 */
final class MailCommands {

  private MailCommands() {}

  static String mail(Envelope e, long size, Extensions ext, boolean requireTls) {
    StringBuilder b = new StringBuilder("MAIL FROM:<");
    if (e.reversePath() != null) {
      b.append(e.reversePath());
    }
    b.append('>');
    if (ext.has("SIZE")) {
      b.append(" SIZE=").append(size);
    }
    if (e.body() == BodyType.EIGHT_BIT_MIME) {
      b.append(" BODY=8BITMIME");
    }
    if (e.smtpUtf8()) {
      b.append(" SMTPUTF8");
    }
    if (ext.has("DSN")) {
      if (e.ret() != Ret.NOT_GIVEN) {
        b.append(" RET=").append(e.ret().code());
      }
      if (e.envId() != null) {
        b.append(" ENVID=").append(Xtext.encode(e.envId()));
      }
    }
    if (requireTls) {
      b.append(" REQUIRETLS");
    }
    return b.toString();
  }

  static String rcpt(Recipient r, Extensions ext) {
    StringBuilder b = new StringBuilder("RCPT TO:<").append(r.address()).append('>');
    if (ext.has("DSN")) {
      if (!r.notifyOn().isEmpty()) {
        b.append(" NOTIFY=")
            .append(r.notifyOn().stream().sorted().map(Notify::code).collect(Collectors.joining(",")));
      }
      if (r.orcpt() != null) {
        // DSN-3: passed on exactly as received, case included.
        b.append(" ORCPT=").append(r.orcpt().addressType()).append(';')
            .append(Xtext.encode(r.orcpt().address()));
      }
    }
    return b.toString();
  }
}
