package org.sealpost.inbound;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.OriginalRecipient;
import org.sealpost.mail.Recipient;
import org.sealpost.policy.RecipientDecision;
import org.sealpost.smtp.CommandParser;
import org.sealpost.smtp.EsmtpParameter;
import org.sealpost.smtp.ForwardPath;
import org.sealpost.smtp.Parsed;
import org.sealpost.smtp.RcptToCommand;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.Xtext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RCPT TO (RFC 5321 §4.1.1.3) with the DSN parameters NOTIFY and ORCPT (RFC 3461 §4.1-§4.2), the
 * recipient limit (SMTP-3) and the relay decision (SEC-7).
 */
final class RcptTo {

  private static final Logger log = LoggerFactory.getLogger("smtpd");

  private RcptTo() {}

  static void handle(Session s, String argument) throws IOException {
    Transaction t = s.transaction;
    if (t == null) {
      s.error(Reply.of(503, "5.5.1", "Need MAIL before RCPT"));
      return;
    }
    if (t.chunked != null) {
      s.error(Reply.of(503, "5.5.1", "RCPT not allowed during BDAT"));
      return;
    }
    RcptToCommand command;
    switch (CommandParser.rcptTo(argument, t.smtpUtf8)) {
      case Parsed.Invalid<RcptToCommand> bad -> {
        s.error(bad.reply());
        return;
      }
      case Parsed.Ok<RcptToCommand> ok -> command = ok.value();
    }
    if (!s.esmtp && !command.parameters().isEmpty()) {
      s.error(Reply.of(555, "5.5.4", "RCPT parameters need EHLO"));
      return;
    }
    Set<Notify> notify = EnumSet.noneOf(Notify.class);
    OriginalRecipient orcpt = null;
    boolean seenNotify = false;
    for (EsmtpParameter p : command.parameters().list()) {
      String key = p.keyword().toUpperCase(Locale.ROOT);
      switch (key) {
        case "NOTIFY" -> {
          if (seenNotify || !parseNotify(p.value(), notify)) {
            s.error(Reply.of(501, "5.5.4", "NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY"));
            return;
          }
          seenNotify = true;
        }
        case "ORCPT" -> {
          OriginalRecipient parsed = orcpt == null ? parseOrcpt(p.value()) : null;
          if (parsed == null) {
            s.error(Reply.of(501, "5.5.4", "ORCPT must be addr-type;xtext, given once"));
            return;
          }
          orcpt = parsed;
        }
        default -> {
          s.error(Reply.of(555, "5.5.4", "Unsupported RCPT parameter " + Reply.safeText(key, 32)));
          return;
        }
      }
    }
    if (t.recipients.size() >= s.context.limits().maxRecipients()) {
      // RFC 5321 §4.5.3.1.10 (SMTP-3): 452, and the recipients so far stay accepted.
      s.error(Reply.of(452, "4.5.3", "Too many recipients"));
      return;
    }
    MailAddress address;
    RecipientDecision decision;
    switch (command.forwardPath()) {
      case ForwardPath.Postmaster p -> {
        decision = s.context.relayPolicy().decidePostmaster();
        address = new MailAddress("postmaster", s.context.serverDomain());
      }
      case ForwardPath.Mailbox m -> {
        address = m.address();
        decision = s.context.relayPolicy().decide(address, s.transport().remoteAddress(), s.authenticated());
      }
    }
    if (decision instanceof RecipientDecision.Refused r) {
      log.info("reject: RCPT from {}: {} {} {}; from={} to=<{}>", s.peer(), r.code(), r.status(), r.text(),
          Transaction.displayPath(t.reversePath), address);
      s.error(Reply.of(r.code(), r.status(), r.text()));
      return;
    }
    t.recipients.add(new Recipient(address, notify, orcpt));
    s.reply(Reply.of(250, "2.1.5", "Ok"));
  }

  private static boolean parseNotify(@Nullable String value, Set<Notify> into) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    for (String word : value.split(",", -1)) {
      Notify n;
      try {
        n = Notify.fromCode(word);
      } catch (IllegalArgumentException e) {
        return false;
      }
      if (!into.add(n)) {
        return false;
      }
    }
    // RFC 3461 §4.1: NEVER stands alone.
    return !(into.contains(Notify.NEVER) && into.size() > 1);
  }

  private static @Nullable OriginalRecipient parseOrcpt(@Nullable String value) {
    if (value == null || value.length() > 500) {
      return null;
    }
    int semi = value.indexOf(';');
    if (semi <= 0) {
      return null;
    }
    String type = value.substring(0, semi);
    if (!type.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
      return null;
    }
    Optional<String> decoded = Xtext.decode(value.substring(semi + 1));
    return decoded.isEmpty() || decoded.get().isEmpty() ? null : new OriginalRecipient(type, decoded.get());
  }
}
