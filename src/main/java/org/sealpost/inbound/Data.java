package org.sealpost.inbound;

import java.io.IOException;
import org.sealpost.smtp.Reply;

/** DATA (RFC 5321 §4.1.1.4): the content ends only at CRLF.CRLF (SMTP-2, SEC-5). */
final class Data {

  private Data() {}

  static void handle(Session s, String argument) throws IOException {
    Transaction t = s.transaction;
    if (!argument.isEmpty()) {
      s.error(Reply.of(501, "5.5.4", "DATA takes no argument"));
      return;
    }
    if (t == null) {
      s.error(Reply.of(503, "5.5.1", "Need MAIL and RCPT before DATA"));
      return;
    }
    if (t.chunked != null) {
      s.error(Reply.of(503, "5.5.1", "DATA not allowed during BDAT"));
      return;
    }
    if (t.recipients.isEmpty()) {
      s.error(Reply.of(554, "5.5.1", "No valid recipients"));
      return;
    }
    if (s.input().hasBufferedInput()) {
      // SEC-5 (project choice): content pipelined before our 354 is a protocol violation that
      // smuggling relies on; nothing more from this client is trusted.
      s.goodbye(Reply.of(554, "5.5.0", "SMTP protocol synchronization error: data sent before 354"));
      return;
    }
    MessageAcceptance m;
    try {
      m = MessageAcceptance.begin(s, t);
    } catch (IOException e) {
      Spooling.refuse(s, e);
      return;
    }
    s.reply(Reply.of(354, "End data with <CR><LF>.<CR><LF>"));
    s.flush();
    m.finish(s.input().readData(m.sink(), s.context.limits().maxMessageSize()));
  }
}
