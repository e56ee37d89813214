package org.sealpost.queue;

import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;

/**
 * The one log line per recipient per attempt, Postfix-style:
 *
 * <pre>
 * QUEUEID: to=&lt;rcpt&gt; relay=host[ip]:port tls=dane requiretls=yes status=sent (250 2.0.0 Ok)
 * </pre>
 *
 * {@code relay}, {@code tls} and {@code requiretls} come from the outcome's {@link Hop}; local
 * delivery reads {@code relay=local tls=none requiretls=no}, and without a hop otherwise (no host was
 * reached) {@code relay=none tls=none requiretls=no}. The parenthesis holds the remote reply when there was one, else the reason.
 * Control characters (a multi-line reply) become spaces so that one event stays one line.
 */
final class AttemptLog {

  private AttemptLog() {}

  static String line(QueueId id, MailAddress to, DeliveryOutcome outcome) {
    return line(id, to, outcome, false);
  }

  /** As {@link #line(QueueId, MailAddress, DeliveryOutcome)}; {@code local} for a local mailbox. */
  static String line(QueueId id, MailAddress to, DeliveryOutcome outcome, boolean local) {
    String reply = outcome.remoteReply();
    return line(id, to, outcome, reply != null && !reply.isBlank() ? reply : outcome.reason(), local);
  }

  /**
   * The line for a recipient given up on when its message expired: the parenthesis gives the reason
   * ("delivery time expired after 5d; last error: ..."), not the last remote reply.
   */
  static String expiredLine(QueueId id, MailAddress to, DeliveryOutcome outcome) {
    return line(id, to, outcome, outcome.reason(), false);
  }

  private static String line(
      QueueId id, MailAddress to, DeliveryOutcome outcome, String why, boolean local) {
    Hop hop = outcome.hop();
    String relay = hop != null ? hop.host() + "[" + hop.address() + "]:" + hop.port() : local ? "local" : "none";
    String tls = hop == null ? "none" : hop.tls().code();
    String requireTls = hop != null && hop.requireTls() ? "yes" : "no";
    return id + ": to=<" + to + "> relay=" + relay + " tls=" + tls + " requiretls=" + requireTls
        + " status=" + status(outcome) + " (" + oneLine(why) + ")";
  }

  /** The {@code status=} word: what happened to the recipient, not the outcome type's name. */
  static String status(DeliveryOutcome outcome) {
    return switch (outcome) {
      case DeliveryOutcome.Delivered d -> "sent";
      case DeliveryOutcome.Deferred d -> "deferred";
      case DeliveryOutcome.Failed f -> "bounced";
    };
  }

  private static String oneLine(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString().strip();
  }
}
