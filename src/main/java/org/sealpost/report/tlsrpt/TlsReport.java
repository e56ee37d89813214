package org.sealpost.report.tlsrpt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;
import org.sealpost.mail.Domain;

/**
 * One built report: the JSON of one policy domain's day (RFC 8460 §4), and how it travels.
 *
 * @param policyDomain the domain the report is about
 * @param day the UTC day it covers
 * @param reportId the {@code report-id} inside the JSON
 * @param submitter the {@code TLS-Report-Submitter}: our host name
 * @param json the report, I-JSON (RFC 7493) in UTF-8
 */
public record TlsReport(Domain policyDomain, LocalDate day, String reportId, String submitter, String json) {

  /** The first second the report covers. */
  public Instant begin() {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The last second the report covers (the range is inclusive, as in RFC 8460 §4.4's example). */
  public Instant end() {
    return begin().plusSeconds(86_399);
  }

  /**
   * RFC 8460 §5.1 (RPT-6): {@code submitter!policy-domain!begin!end.json.gz}, the times in seconds
   * since the epoch. The optional unique-id is left out: one report per domain and day.
   */
  public String filename() {
    return submitter + "!" + policyDomain.name() + "!" + begin().getEpochSecond() + "!"
        + end().getEpochSecond() + ".json.gz";
  }

  /** The JSON compressed with gzip (RFC 8460 §5.2: SHOULD); the gzip header carries no time. */
  public byte[] gzip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }
}
