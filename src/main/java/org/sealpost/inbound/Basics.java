package org.sealpost.inbound;

import java.io.IOException;
import java.util.List;
import org.sealpost.smtp.Reply;

/** The verbs with no state to speak of: RSET, QUIT, VRFY and HELP (RFC 5321 §4.1.1.5-§4.1.1.10). */
final class Basics {

  private Basics() {}

  static void rset(Session s, String argument) throws IOException {
    if (!argument.isEmpty()) {
      s.error(Reply.of(501, "5.5.4", "RSET takes no argument"));
      return;
    }
    s.resetTransaction();
    s.reply(Reply.of(250, "2.0.0", "Ok"));
  }

  static void quit(Session s) {
    s.goodbye(Reply.of(221, "2.0.0", s.context.serverName() + " closing connection"));
  }

  /** VRFY is disabled, as RFC 5321 §3.5.3 allows: 252, address not verified. */
  static void vrfy(Session s, String argument) throws IOException {
    if (argument.isEmpty()) {
      s.error(Reply.of(501, "5.5.4", "VRFY needs an argument"));
      return;
    }
    s.reply(Reply.of(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery"));
  }

  static void help(Session s) throws IOException {
    s.reply(
        Reply.multiline(
            214,
            List.of(
                "2.0.0 Sealpost: an MTA built around REQUIRETLS (RFC 8689)",
                "2.0.0 Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH",
                "2.0.0 End of HELP info")));
  }
}
