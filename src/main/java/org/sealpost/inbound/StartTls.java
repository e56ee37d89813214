package org.sealpost.inbound;

import java.io.IOException;
import org.sealpost.smtp.Reply;

/** STARTTLS (RFC 3207). */
final class StartTls {

  private StartTls() {}

  static void handle(Session s, String argument) throws IOException {
    if (!argument.isEmpty()) {
      s.error(Reply.of(501, "5.5.4", "STARTTLS takes no argument")); // TLS-1
      return;
    }
    if (s.tlsActive()) {
      s.error(Reply.of(503, "5.5.1", "TLS already active")); // TLS-8
      return;
    }
    if (!s.transport().canStartTls()) {
      s.error(Reply.of(454, "4.7.0", "TLS not available"));
      return;
    }
    if (s.input().hasBufferedInput()) {
      // TLS-7, SEC-1 (CVE-2011-0411): bytes sent after STARTTLS before our 220 would be taken as
      // TLS-protected commands. Refuse and close rather than silently drop them.
      s.goodbye(Reply.of(554, "5.5.0", "Commands pipelined after STARTTLS; closing connection"));
      return;
    }
    s.reply(Reply.of(220, "2.0.0", "Ready to start TLS"));
    s.flush();
    s.startTlsNow();
  }
}
