package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;

/** RPT-7: the report mail, read back the way a mail client would. */
@TestMethodOrder(MethodOrderer.Random.class)
class ReportMailTest {

  static final QueueId ID = QueueId.generate(Instant.parse("2026-11-29T02:00:00Z"));

  private static ReportMessage message(TlsReport report) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportMail.write(report, MailAddress.parse("postmaster@mx.sender.example"),
        MailAddress.parse("tlsrpt@company-y.example"), ID, Instant.parse("2026-11-29T02:00:00Z"), out);
    String text = out.toString(StandardCharsets.US_ASCII);
    assertThat(text).doesNotContainPattern("[^\\r]\\n").doesNotContainPattern("[^\\x00-\\x7f]");
    assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(998));
    return ReportMessage.parse(text);
  }

  @Test
  void isAMultipartReportWithTextAndGzippedJson() throws Exception {
    TlsReport report = ReportBuilderTest.BUILDER.build(DayResults.of(Sessions.DAY, Sessions.mixedDay()), Sessions.STS_DOMAIN);
    ReportMessage m = message(report);
    assertThat(m.header("content-type")).startsWith("multipart/report; report-type=\"tlsrpt\";");
    assertThat(m.parts()).hasSize(2);
    assertThat(m.parts().get(0).header("content-type")).startsWith("text/plain");
    assertThat(m.parts().get(1).header("content-type")).isEqualTo("application/tlsrpt+gzip");
    assertThat(m.parts().get(1).header("content-disposition")).contains("filename=\"" + report.filename() + "\"");
    assertThat(ReportFiles.gunzip(m.parts().get(1).decodedBody())).isEqualTo(report.json());
  }

  @Test
  void carriesTheRequiredHeadersAndSubject() throws Exception {
    TlsReport report = ReportBuilderTest.BUILDER.build(DayResults.of(Sessions.DAY, Sessions.mixedDay()), Sessions.STS_DOMAIN);
    ReportMessage m = message(report);
    assertThat(m.header("tls-report-domain")).isEqualTo("company-y.example");
    assertThat(m.header("tls-report-submitter")).isEqualTo("mx.sender.example");
    assertThat(m.header("subject")).isEqualTo("Report Domain: company-y.example Submitter: mx.sender.example "
        + "Report-ID: <2026-11-28.company-y.example@mx.sender.example>");
    assertThat(m.header("tls-required")).isEqualTo("No");
    assertThat(m.header("mime-version")).isEqualTo("1.0");
    assertThat(m.header("from")).isEqualTo("postmaster@mx.sender.example");
    assertThat(m.header("to")).isEqualTo("tlsrpt@company-y.example");
    assertThat(m.header("date")).isEqualTo("Sun, 29 Nov 2026 02:00:00 +0000");
  }
}
