package org.sealpost.inbound;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sealpost.mail.Domain;
import org.sealpost.policy.requiretls.MailParameterPolicy;
import org.sealpost.smtp.CommandParser;
import org.sealpost.smtp.Parsed;
import org.sealpost.smtp.Reply;

/** EHLO and HELO (RFC 5321 §4.1.1.1): greet, reset the session, list the extensions. */
final class Hello {

  private Hello() {}

  static void ehlo(Session s, String argument) throws IOException {
    Domain name;
    switch (CommandParser.helo(argument)) {
      case Parsed.Invalid<Domain> bad -> {
        s.error(bad.reply());
        return;
      }
      case Parsed.Ok<Domain> ok -> name = ok.value();
    }
    s.resetTransaction();
    s.heloName = name.name();
    s.esmtp = true;
    s.reply(Reply.multiline(250, extensions(s, name)));
  }

  static void helo(Session s, String argument) throws IOException {
    switch (CommandParser.helo(argument)) {
      case Parsed.Invalid<Domain> bad -> s.error(bad.reply());
      case Parsed.Ok<Domain> ok -> {
        s.resetTransaction();
        s.heloName = ok.value().name();
        s.esmtp = false;
        s.reply(Reply.of(250, s.context.serverName()));
      }
    }
  }

  /**
   * The EHLO keywords. STARTTLS only before TLS (TLS-8); AUTH only under TLS (SEC-14, EXT-5);
   * REQUIRETLS only under TLS (RT-4, project choice shared with Exim and Postfix).
   */
  static List<String> extensions(Session s, Domain clientName) {
    List<String> lines = new ArrayList<>();
    lines.add(s.context.serverName() + " greets " + clientName.name());
    lines.add("PIPELINING");
    lines.add("SIZE " + s.context.limits().maxMessageSize());
    lines.add("8BITMIME");
    lines.add("SMTPUTF8");
    lines.add("ENHANCEDSTATUSCODES");
    lines.add("CHUNKING");
    lines.add("DSN");
    if (s.transport().canStartTls()) {
      lines.add("STARTTLS");
    }
    if (s.tlsActive()) {
      if (s.context.authAvailable() && !s.authenticated()) {
        lines.add("AUTH PLAIN LOGIN");
      }
      if (s.context.offerRequireTls()) {
        lines.add(MailParameterPolicy.KEYWORD);
      }
    }
    return lines;
  }
}
