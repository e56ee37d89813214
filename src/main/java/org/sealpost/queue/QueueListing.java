package org.sealpost.queue;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.VerificationFloor;

/**
 * The text of {@code sealpost queue list}: one line per message with queue id, state, arrival
 * (UTC), content size, sender ({@code <>} for the null sender), recipient count and the TLS
 * requirement (RFC 8689 §4.1: {@code requiretls}, {@code tls-optional}, or {@code -}), followed by
 * {@code /floor} when a draft-03 verification floor is set. Under it, one indented line per
 * recipient from the status record: {@code pending} (not tried yet), {@code deferred} (with the
 * attempt count and the next attempt), {@code delivered} or {@code failed}, and the last outcome.
 */
public final class QueueListing {

  private static final String FORMAT = "%-16s  %-8s  %-20s  %10s  %-30s  %5s  %s";

  private QueueListing() {}

  public static String header() {
    return String.format(FORMAT, "QUEUEID", "STATE", "ARRIVAL", "SIZE", "SENDER", "RCPTS", "TLS");
  }

  public static String line(QueueEntry entry) {
    Envelope e = entry.envelope();
    MailAddress from = e.reversePath();
    return String.format(
        FORMAT,
        entry.queueId(),
        entry.state().code(),
        DateTimeFormatter.ISO_INSTANT.format(e.arrival().truncatedTo(ChronoUnit.SECONDS)),
        entry.size(),
        "<" + (from == null ? "" : from) + ">",
        e.recipients().size(),
        tls(e));
  }

  static String tls(Envelope e) {
    String requirement =
        switch (e.tlsRequirement()) {
          case REQUIRE_TLS, TLS_OPTIONAL -> e.tlsRequirement().code();
          case UNSPECIFIED -> "-";
        };
    return e.verificationFloor() == VerificationFloor.NONE
        ? requirement
        : requirement + "/" + e.verificationFloor().code();
  }

  /**
   * One line per recipient: address, state, attempts, next attempt (for pending recipients of a
   * message that is not on hold), and the last outcome's status with the remote reply or reason.
   * Without a (matching) status record every recipient is pending.
   */
  public static List<String> recipientLines(QueueEntry entry, Optional<DeliveryStatus> saved) {
    Envelope e = entry.envelope();
    DeliveryStatus status = saved.filter(s -> s.matches(e)).orElseGet(() -> DeliveryStatus.fresh(e));
    List<String> lines = new ArrayList<>();
    for (RecipientStatus r : status.recipients()) {
      StringBuilder b = new StringBuilder("    <").append(r.address()).append(">  ");
      b.append(r.deferred() ? "deferred" : r.state().code());
      if (r.attempts() > 0) {
        b.append(" attempts=").append(r.attempts());
      }
      if (r.state() == RecipientState.PENDING) {
        b.append(entry.state() == QueueState.HOLD ? " held" : " next=" + when(status.nextAttempt()));
      }
      DeliveryOutcome o = r.lastOutcome();
      if (o != null) {
        String reply = o.remoteReply();
        b.append("  (").append(o.status()).append(' ')
            .append(reply != null && !reply.isBlank() ? reply.strip() : o.reason()).append(')');
      }
      lines.add(b.toString().replaceAll("\\p{Cntrl}", " "));
    }
    return lines;
  }

  private static String when(@Nullable Instant at) {
    return at == null ? "now" : DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
  }
}
