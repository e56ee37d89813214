package org.sealpost.report.dsn;

import static org.sealpost.report.dsn.MimeText.CRLF;
import static org.sealpost.report.dsn.MimeText.clean;
import static org.sealpost.report.dsn.MimeText.field;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;

/**
 * Writes delivery status notifications: {@code multipart/report; report-type=delivery-status}
 * (RFC 3464, RFC 6522) with a text part, a {@code message/delivery-status} part and, unless
 * redacted, the original message or its header section. Hand-written MIME: every header value
 * is built from validated or {@linkplain MimeText#clean cleaned} text, lines end in CRLF and stay
 * under 998 octets, and the boundary is checked against every part.
 */
public final class DsnComposer {

  private static final int MAX_BOUNDARY_TRIES = 8;

  /** {@link #DsnComposer(String, InstantSource)}'s cap on returning a whole message (SEC-10). */
  public static final long DEFAULT_MAX_FULL_RETURN = 1L << 20;

  private final String hostname;
  private final InstantSource clock;
  private final DsnTokens tokens;
  private final long maxFullReturn;

  /** @param hostname this host's name: {@code Reporting-MTA} and the {@code From} address domain */
  public DsnComposer(String hostname, InstantSource clock) {
    this(hostname, clock, DEFAULT_MAX_FULL_RETURN);
  }

  /**
   * @param maxFullReturn the largest original returned whole for {@code RET=FULL}; a larger one is
   *     returned as its header section only (SEC-10: headers by default for large messages)
   */
  public DsnComposer(String hostname, InstantSource clock, long maxFullReturn) {
    this(hostname, clock, DsnTokens.random(), maxFullReturn);
  }

  DsnComposer(String hostname, InstantSource clock, DsnTokens tokens) {
    this(hostname, clock, tokens, DEFAULT_MAX_FULL_RETURN);
  }

  DsnComposer(String hostname, InstantSource clock, DsnTokens tokens, long maxFullReturn) {
    if (maxFullReturn <= 0) {
      throw new IllegalArgumentException("maxFullReturn must be positive");
    }
    this.hostname = clean(hostname, false);
    this.clock = clock;
    this.tokens = tokens;
    this.maxFullReturn = maxFullReturn;
  }

  /** This host's name as the DSNs give it. */
  String hostname() {
    return hostname;
  }

  /** The full DSN: parts (1), (2) and the original as {@link #returnedFor} decides. */
  public ComposedDsn compose(DsnReport report, OutputStream out) throws IOException {
    return write(report, returnedFor(report, maxFullReturn), out);
  }

  /**
   * The redacted DSN of RT-38(a) (SEC-13): parts (1) and (2) only, no header section of the
   * original, its text saying so and why. For a DSN already queued, {@link DsnRedactor} derives
   * the same from the queued message.
   */
  public ComposedDsn composeRedacted(DsnReport report, OutputStream out) throws IOException {
    return write(report, ReturnedContent.NONE, out);
  }

  /**
   * RT-36 (DSN-11): a REQUIRETLS message returns headers only, whatever RET says. Otherwise the
   * whole message only for {@code RET=FULL} on a failure (RFC 3461 §4.3); delay and success
   * reports, a missing RET (project default, SEC-10) and the postmaster's notice get headers, and
   * so does {@code RET=FULL} for an original larger than {@code maxFullReturn} (SEC-10: a bounce
   * must not multiply a large message back at a possibly forged sender).
   */
  static ReturnedContent returnedFor(DsnReport report, long maxFullReturn) {
    if (report.audience() == DsnAudience.POSTMASTER
        || report.original().tlsRequirement() == TlsRequirement.REQUIRE_TLS) {
      return ReturnedContent.HEADERS;
    }
    return report.original().ret() == Ret.FULL && report.any(DsnAction.FAILED)
        && report.content().size() <= maxFullReturn
        ? ReturnedContent.FULL
        : ReturnedContent.HEADERS;
  }

  static String subject(DsnReport report) {
    if (report.audience() == DsnAudience.POSTMASTER) {
      return "Postmaster Notice: Undelivered Bounce";
    }
    if (report.any(DsnAction.FAILED)) {
      return "Undelivered Mail Returned to Sender";
    }
    if (report.any(DsnAction.DELAYED)) {
      return "Delayed Mail (still being retried)";
    }
    return "Successful Mail Delivery Report";
  }

  private ComposedDsn write(DsnReport report, ReturnedContent returned, OutputStream out) throws IOException {
    boolean global = report.global();
    byte[] text = HumanReadablePart.render(report, hostname, returned, global).getBytes(StandardCharsets.UTF_8);
    byte[] status = DeliveryStatusPart.render(report, hostname, global).getBytes(StandardCharsets.UTF_8);
    OriginalPart original = switch (returned) {
      case FULL -> OriginalPart.full(report.content());
      case HEADERS -> OriginalPart.headers(report.content());
      case NONE -> null;
    };
    String boundary = boundary(text, status, original);
    boolean eightBit = MimeText.hasEightBit(text) || MimeText.hasEightBit(status)
        || (original != null && original.eightBit());
    String messageId = "<" + tokens.next() + "@" + hostname + ">";

    StringBuilder head = new StringBuilder(512);
    head.append(field("From", "Mail Delivery System <MAILER-DAEMON@" + hostname + ">"));
    head.append(field("To", "<" + clean(report.to().toString(), global) + ">"));
    head.append(field("Subject", subject(report)));
    head.append(field("Date", MimeText.date(clock.instant())));
    head.append(field("Message-ID", messageId));
    // RFC 3834 §5: an automatic response; well-behaved responders will not answer it.
    head.append(field("Auto-Submitted", "auto-replied"));
    head.append(field("MIME-Version", "1.0"));
    head.append(field("Content-Type",
        "multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\""));
    if (eightBit) {
      head.append(field("Content-Transfer-Encoding", "8bit"));
    }
    head.append(CRLF);
    head.append("This is a MIME-encapsulated delivery status notification.").append(CRLF);

    head.append(CRLF).append("--").append(boundary).append(CRLF);
    head.append(field("Content-Type", "text/plain; charset=" + (MimeText.hasEightBit(text) ? "utf-8" : "us-ascii")));
    head.append(field("Content-Description", "Notification"));
    head.append(transferEncoding(MimeText.hasEightBit(text)));
    head.append(CRLF);
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    out.write(text);

    StringBuilder mid = new StringBuilder(256);
    mid.append(CRLF).append("--").append(boundary).append(CRLF);
    // RFC 6533 §6: the global type carries UTF-8 in addresses and values.
    mid.append(field("Content-Type", global ? "message/global-delivery-status" : "message/delivery-status"));
    mid.append(field("Content-Description", "Delivery report"));
    mid.append(transferEncoding(MimeText.hasEightBit(status)));
    mid.append(CRLF);
    out.write(mid.toString().getBytes(StandardCharsets.UTF_8));
    out.write(status);

    if (original != null) {
      StringBuilder third = new StringBuilder(256);
      third.append(CRLF).append("--").append(boundary).append(CRLF);
      third.append(field("Content-Type", originalType(original.isFull(), global)));
      third.append(field("Content-Description",
          original.isFull() ? "Undelivered message" : "Header section of the original message"));
      third.append(transferEncoding(original.eightBit()));
      third.append(CRLF);
      out.write(third.toString().getBytes(StandardCharsets.UTF_8));
      original.writeTo(out);
    }
    out.write((CRLF + "--" + boundary + "--" + CRLF).getBytes(StandardCharsets.US_ASCII));
    return new ComposedDsn(messageId, eightBit ? BodyType.EIGHT_BIT_MIME : BodyType.SEVEN_BIT, global, returned);
  }

  private static String originalType(boolean full, boolean global) {
    if (global) {
      return full ? "message/global" : "message/global-headers"; // RFC 6533 §6.3, §6.4
    }
    return full ? "message/rfc822" : "text/rfc822-headers"; // RFC 6522 §4
  }

  /** 7bit unless the part holds 8-bit octets (RFC 2045 §6.2; message/* allows only these two). */
  private static String transferEncoding(boolean eightBit) {
    return field("Content-Transfer-Encoding", eightBit ? "8bit" : "7bit");
  }

  /** A boundary whose delimiter occurs in no part (RFC 2046 §5.1.1). */
  private String boundary(byte[] text, byte[] status, @Nullable OriginalPart original) throws IOException {
    for (int i = 0; i < MAX_BOUNDARY_TRIES; i++) {
      String candidate = "=_" + tokens.next();
      byte[] delimiter = ("--" + candidate).getBytes(StandardCharsets.US_ASCII);
      if (OriginalPart.indexOf(text, text.length, delimiter, 0) < 0
          && OriginalPart.indexOf(status, status.length, delimiter, 0) < 0
          && (original == null || !original.contains(delimiter))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no MIME boundary absent from the content after " + MAX_BOUNDARY_TRIES + " tries");
  }
}
