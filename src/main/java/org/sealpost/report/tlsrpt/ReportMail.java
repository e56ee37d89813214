package org.sealpost.report.tlsrpt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;

/**
 * The report as a mail message (RFC 8460 §5.3, RPT-7): {@code multipart/report;
 * report-type="tlsrpt"} with a short text part and the gzipped report as
 * {@code application/tlsrpt+gzip}, base64-encoded so the message is 7-bit. The header carries
 * {@code TLS-Report-Domain} and {@code TLS-Report-Submitter} (both MUST) and the Subject the RFC
 * prescribes, and {@code TLS-Required: No} (RFC 8689 §5; RPT-7 [I]): a report about broken TLS
 * must get through broken TLS, here and at every hop after us.
 *
 * <p>RFC 8460 §5.3 also requires a DKIM signature ({@code s=tlsrpt}). Sealpost has no DKIM
 * signer yet, so the message is sent unsigned; receivers that insist will discard it.
 */
final class ReportMail {

  private static final String CRLF = "\r\n";
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ReportMail() {}

  /** Writes the whole message (header and body, CRLF line ends) to {@code out}. */
  static void write(TlsReport report, MailAddress from, MailAddress to, QueueId id, Instant now, OutputStream out)
      throws IOException {
    String boundary = "tlsrpt-" + id.value();
    String domain = report.policyDomain().name();
    StringBuilder m = new StringBuilder(1024);
    m.append("From: ").append(from).append(CRLF);
    m.append("To: ").append(to).append(CRLF);
    m.append("Date: ").append(DATE.format(now)).append(CRLF);
    m.append("Subject: Report Domain: ").append(domain).append(CRLF)
        .append(" Submitter: ").append(report.submitter()).append(CRLF)
        .append(" Report-ID: <").append(report.reportId()).append('>').append(CRLF);
    m.append("Message-ID: <").append(id.value()).append(".tlsrpt@").append(report.submitter()).append('>').append(CRLF);
    m.append("TLS-Report-Domain: ").append(domain).append(CRLF);
    m.append("TLS-Report-Submitter: ").append(report.submitter()).append(CRLF);
    m.append("TLS-Required: No").append(CRLF);
    m.append("Auto-Submitted: auto-generated").append(CRLF); // RFC 3834 §5: no auto-replies to this
    m.append("MIME-Version: 1.0").append(CRLF);
    m.append("Content-Type: multipart/report; report-type=\"tlsrpt\";").append(CRLF)
        .append(" boundary=\"").append(boundary).append('"').append(CRLF);
    m.append(CRLF);
    m.append("This is a multipart message in MIME format.").append(CRLF);
    m.append(CRLF).append("--").append(boundary).append(CRLF);
    m.append("Content-Type: text/plain; charset=us-ascii").append(CRLF);
    m.append("Content-Transfer-Encoding: 7bit").append(CRLF);
    m.append(CRLF);
    m.append("This is an aggregate TLS report (RFC 8460) from ").append(report.submitter()).append(CRLF);
    m.append("about mail sent to ").append(domain).append(" on ").append(report.day()).append(" (UTC).").append(CRLF);
    m.append("Report-ID: ").append(report.reportId()).append(CRLF);
    m.append(CRLF).append("--").append(boundary).append(CRLF);
    m.append("Content-Type: application/tlsrpt+gzip").append(CRLF);
    m.append("Content-Transfer-Encoding: base64").append(CRLF);
    m.append("Content-Disposition: attachment;").append(CRLF)
        .append(" filename=\"").append(report.filename()).append('"').append(CRLF);
    m.append(CRLF);
    m.append(Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
        .encodeToString(report.gzip())).append(CRLF);
    m.append(CRLF).append("--").append(boundary).append("--").append(CRLF);
    out.write(m.toString().getBytes(StandardCharsets.US_ASCII));
  }
}
