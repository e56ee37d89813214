package org.sealpost.queue;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.VerificationFloor;

/**
 * The text of {@code sealpost queue list}: one line per message with queue id, state, arrival
 * (UTC), content size, sender ({@code <>} for the null sender), recipient count and the TLS
 * requirement (RFC 8689 §4.1: {@code requiretls}, {@code tls-optional}, or {@code -}), followed by
 * {@code /floor} when a draft-03 verification floor is set.
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
}
