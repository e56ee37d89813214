package org.sealpost.inbound;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.ListenerKind;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Ret;
import org.sealpost.policy.requiretls.MailParameterDecision;
import org.sealpost.policy.requiretls.MailParameterPolicy;
import org.sealpost.smtp.CommandParser;
import org.sealpost.smtp.EsmtpParameter;
import org.sealpost.smtp.EsmtpParameters;
import org.sealpost.smtp.MailFromCommand;
import org.sealpost.smtp.Parsed;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.ReversePath;
import org.sealpost.smtp.Xtext;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2) with the parameters of the extensions we offer: SIZE (RFC 1870),
 * BODY (RFC 6152), SMTPUTF8 (RFC 6531), RET and ENVID (RFC 3461), AUTH (RFC 4954) and REQUIRETLS
 * (RFC 8689). A refused command leaves the session as it was (RFC 5321 §4.1.4).
 */
final class MailFrom {

  private MailFrom() {}

  static void handle(Session s, String argument) throws IOException {
    if (s.heloName == null) {
      s.error(Reply.of(503, "5.5.1", "Send EHLO or HELO first"));
      return;
    }
    ListenerKind kind = s.context.listener().kind();
    if (kind == ListenerKind.SUBMISSION && !s.tlsActive()) {
      // RFC 3207 §4 (TLS-3): a submission server may require TLS.
      s.error(Reply.of(530, "5.7.0", "Must issue a STARTTLS command first"));
      return;
    }
    if (kind.requiresAuth() && !s.authenticated()) {
      // RFC 6409 §4.3 (EXT-6): no submission without authentication.
      s.error(Reply.of(530, "5.7.0", "Authentication required"));
      return;
    }
    if (s.transaction != null) {
      s.error(Reply.of(503, "5.5.1", "Nested MAIL command"));
      return;
    }
    MailFromCommand command;
    switch (CommandParser.mailFrom(argument)) {
      case Parsed.Invalid<MailFromCommand> bad -> {
        s.error(bad.reply());
        return;
      }
      case Parsed.Ok<MailFromCommand> ok -> command = ok.value();
    }
    Transaction t = build(s, command);
    if (t == null) {
      return;
    }
    s.transaction = t;
    s.reply(Reply.of(250, "2.1.0", "Ok"));
  }

  /** Checks every parameter; replies and returns null on the first problem. */
  private static @Nullable Transaction build(Session s, MailFromCommand command) throws IOException {
    EsmtpParameters params = command.parameters();
    if (!s.esmtp && !params.isEmpty()) {
      s.error(Reply.of(555, "5.5.4", "MAIL parameters need EHLO"));
      return null;
    }
    // RFC 3461 §4.5 (DSN-2), RT-8: a parameter given twice is a syntax error.
    Optional<String> duplicate = params.firstDuplicate();
    if (duplicate.isPresent()) {
      s.error(Reply.of(501, "5.5.4", duplicate.get().toUpperCase(Locale.ROOT) + " given more than once"));
      return null;
    }
    BodyType body = BodyType.SEVEN_BIT;
    boolean smtpUtf8 = false;
    long size = 0;
    String envId = null;
    Ret ret = Ret.NOT_GIVEN;
    List<@Nullable String> requireTls = new ArrayList<>();
    for (EsmtpParameter p : params.list()) {
      String key = p.keyword().toUpperCase(Locale.ROOT);
      String value = p.value();
      switch (key) {
        case "SIZE" -> {
          Long declared = parseSize(value);
          if (declared == null) {
            s.error(Reply.of(501, "5.5.4", "SIZE needs a number"));
            return null;
          }
          if (declared > s.context.limits().maxMessageSize()) {
            // RFC 1870 §6 (EXT-4).
            s.error(Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size"));
            return null;
          }
          size = declared;
        }
        case "BODY" -> {
          if (value == null || !(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
            s.error(Reply.of(501, "5.5.4", "BODY must be 7BIT or 8BITMIME"));
            return null;
          }
          body = BodyType.fromCode(value);
        }
        case "SMTPUTF8" -> {
          if (value != null) {
            s.error(Reply.of(501, "5.5.4", "SMTPUTF8 takes no value"));
            return null;
          }
          smtpUtf8 = true;
        }
        case "RET" -> {
          if (value == null || !(value.equalsIgnoreCase("FULL") || value.equalsIgnoreCase("HDRS"))) {
            s.error(Reply.of(501, "5.5.4", "RET must be FULL or HDRS"));
            return null;
          }
          ret = value.equalsIgnoreCase("FULL") ? Ret.FULL : Ret.HDRS;
        }
        case "ENVID" -> {
          Optional<String> decoded = value == null ? Optional.empty() : Xtext.decode(value);
          if (decoded.isEmpty() || decoded.get().length() > 100) {
            // RFC 3461 §4.4 (DSN-1): xtext of printable US-ASCII, at most 100 characters.
            s.error(Reply.of(501, "5.5.4", "ENVID must be xtext of at most 100 characters"));
            return null;
          }
          envId = decoded.get();
        }
        case "AUTH" -> {
          // RFC 4954 §5: accepted and not trusted; we never pass it on.
          if (value == null || (!value.equals("<>") && Xtext.decode(value).isEmpty())) {
            s.error(Reply.of(501, "5.5.4", "AUTH must be xtext or <>"));
            return null;
          }
        }
        case MailParameterPolicy.KEYWORD -> {
          if (!s.context.offerRequireTls()) {
            // RFC 5321 §4.1.1.11: a parameter of an extension not offered.
            s.error(Reply.of(555, "5.5.4", "REQUIRETLS is not offered here"));
            return null;
          }
          requireTls.add(value);
        }
        default -> {
          s.error(Reply.of(555, "5.5.4", "Unsupported MAIL parameter " + Reply.safeText(key, 32)));
          return null;
        }
      }
    }
    if (!smtpUtf8 && command.reversePath() instanceof ReversePath.Mailbox m && m.address().needsSmtpUtf8()) {
      s.error(Reply.of(553, "5.6.7", "Non-ASCII address needs SMTPUTF8"));
      return null;
    }
    MailParameterDecision decision =
        s.context.requireTlsPolicy()
            .decide(
                requireTls,
                new MailParameterPolicy.SessionFacts(
                    s.tlsActive(), s.context.listener().kind().requiresAuth(), s.authenticated()));
    if (decision instanceof MailParameterDecision.Refused r) {
      s.error(Reply.of(r.code(), r.status(), r.text()));
      return null;
    }
    MailAddress sender =
        command.reversePath() instanceof ReversePath.Mailbox m ? m.address() : null;
    return new Transaction(sender, body, smtpUtf8, size, envId, ret, decision);
  }

  private static @Nullable Long parseSize(@Nullable String value) {
    if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(value);
  }
}
