package org.sealpost.report.dsn;

import static org.sealpost.report.dsn.MimeText.CRLF;
import static org.sealpost.report.dsn.MimeText.clean;
import static org.sealpost.report.dsn.MimeText.date;
import static org.sealpost.report.dsn.MimeText.wrap;

import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.TlsRequirement;

/**
 * The first part of a DSN (RFC 3464 §2, DSN-8): what happened, in words, per recipient with the
 * reason. Paragraphs are separated by one blank line and the last paragraph is always the one about
 * the returned content: {@link DsnRedactor} relies on that to replace it with {@link
 * #REDACTION_NOTICE}, so a DSN redacted later reads the same as one composed redacted.
 */
final class HumanReadablePart {

  static final String REDACTION_NOTICE =
      "This report is redacted. Your message required verified TLS (REQUIRETLS, RFC 8689), and no"
          + " route back to you met that requirement either. So that the report still reaches you,"
          + " it is sent without REQUIRETLS, and it leaves out your message and its header section"
          + " (RFC 8689 section 5).";

  private static final int WIDTH = 76;
  private static final String INDENT = "    ";

  private HumanReadablePart() {}

  static String render(DsnReport report, String hostname, ReturnedContent returned, boolean utf8) {
    StringBuilder b = new StringBuilder(1024);
    paragraph(b, "This is the mail system at host " + hostname + ".");
    paragraph(b, intro(report));
    if (report.original().tlsRequirement() == TlsRequirement.REQUIRE_TLS) {
      paragraph(b, requireTls(report));
    }
    for (RecipientReport r : report.recipients()) {
      recipient(b, r, report.original().tlsRequirement(), utf8);
      b.append(CRLF);
    }
    b.append(wrap("", closing(report.audience(), returned), "", WIDTH));
    return b.toString();
  }

  /** The last paragraph: what the third part holds, or why there is none. */
  static String closing(DsnAudience audience, ReturnedContent returned) {
    return switch (returned) {
      case FULL -> "Your message is attached below.";
      case HEADERS -> audience == DsnAudience.POSTMASTER
          ? "The header section of the undelivered message is attached below."
          : "The header section of your message is attached below; its body is not returned.";
      case NONE -> REDACTION_NOTICE;
    };
  }

  private static String intro(DsnReport report) {
    if (report.audience() == DsnAudience.POSTMASTER) {
      return "This is a notice for the postmaster. A message with an empty reverse path (a bounce or"
          + " another delivery report) could not be delivered. Such a message is never answered"
          + " with another report (RFC 5321 section 4.5.5), so this notice goes to you instead.";
    }
    if (report.any(DsnAction.FAILED)) {
      return "Your message could not be delivered to one or more of its recipients. The mail system"
          + " has given up on them; they are listed below with the reason.";
    }
    if (report.any(DsnAction.DELAYED)) {
      return "Your message has not been delivered yet to the recipients below. The mail system will"
          + " keep trying; you do not need to send it again.";
    }
    return "Your message was delivered to the recipients below, as you asked.";
  }

  private static String requireTls(DsnReport report) {
    String text = "Your message required verified TLS (REQUIRETLS, RFC 8689): every hop had to use TLS"
        + " with a verified certificate, to a server that supports REQUIRETLS.";
    if (report.recipients().stream().anyMatch(r -> isRequireTlsFailure(r.outcome().status()))) {
      text += " No route met that requirement for the recipients marked below, so the message was"
          + " not sent to them.";
    }
    return text + " Reports about such a message are sent with REQUIRETLS too, and return at most"
        + " its header section, never its body (RFC 8689 section 5).";
  }

  /** RT-26: 5.7.10 (no verified TLS session) and 5.7.30 (REQUIRETLS not offered); 4.x.x alike. */
  static boolean isRequireTlsFailure(EnhancedStatus status) {
    return status.subject() == 7 && (status.detail() == 10 || status.detail() == 30);
  }

  private static void recipient(StringBuilder b, RecipientReport r, TlsRequirement requirement, boolean utf8) {
    DeliveryOutcome outcome = r.outcome();
    Hop hop = outcome.hop();
    String who = "<" + clean(r.recipient().address().toString(), utf8) + ">: ";
    String what = switch (r.action()) {
      case FAILED -> "delivery failed";
      case DELAYED -> r.willRetryUntil() == null
          ? "not delivered yet, still trying"
          : "not delivered yet, still trying until " + date(r.willRetryUntil());
      case DELIVERED -> "delivered";
      case RELAYED -> "handed on to " + (hop == null ? "the next server" : clean(hop.host(), false))
          + ", which may not send further reports";
    };
    b.append(wrap("", who + what, INDENT + INDENT, WIDTH));
    b.append(wrap(INDENT + "Status:", outcome.status().toString(), INDENT + INDENT, WIDTH));
    b.append(wrap(INDENT + "Reason:", clean(outcome.reason(), utf8), INDENT + INDENT, WIDTH));
    String reply = outcome.remoteReply();
    if (reply != null && !reply.isBlank()) {
      String server = hop == null ? "The remote server" : clean(hop.host(), false);
      b.append(wrap(INDENT + server + " said:", clean(reply, false), INDENT + INDENT, WIDTH));
    }
    if (requirement == TlsRequirement.REQUIRE_TLS
        && r.action() != DsnAction.DELIVERED && r.action() != DsnAction.RELAYED
        && isRequireTlsFailure(outcome.status())) {
      b.append(wrap(INDENT, "No route to this recipient met the REQUIRETLS requirement (verified TLS).",
          INDENT, WIDTH));
    }
  }

  private static void paragraph(StringBuilder b, String text) {
    b.append(wrap("", text, "", WIDTH)).append(CRLF);
  }
}
