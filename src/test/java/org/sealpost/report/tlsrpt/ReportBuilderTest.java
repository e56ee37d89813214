package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.mail.Domain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestMethodOrder(MethodOrderer.Random.class)
class ReportBuilderTest {

  static final ReportBuilder BUILDER =
      new ReportBuilder("Sealpost Test Org", "mailto:tlsrpt@sender.example", "mx.sender.example");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static String golden(String name) throws Exception {
    try (InputStream in = ReportBuilderTest.class.getResourceAsStream("/tlsrpt/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** RPT-2, RPT-4: the report of a mixed day is exactly the reviewed golden file. */
  @Test
  void mixedDayMatchesGoldenJson() throws Exception {
    TlsReport report = BUILDER.build(DayResults.of(Sessions.DAY, Sessions.mixedDay()), Sessions.STS_DOMAIN);
    String expected = golden("company-y.example-2026-11-28.json");
    assertThat(JSON.readTree(report.json())).isEqualTo(JSON.readTree(expected));
    assertThat(report.json()).isEqualTo(expected); // also the key order and layout
  }

  @Test
  void daneDomainReportsOnePolicyPerTlsaSet() throws Exception {
    TlsReport report = BUILDER.build(DayResults.of(Sessions.DAY, Sessions.mixedDay()), Sessions.DANE_DOMAIN);
    assertThat(report.json()).isEqualTo(golden("dane.example-2026-11-28.json"));
  }

  /** RPT-2: top-level keys in the RFC's order; date-range the whole UTC day in RFC 3339. */
  @Test
  void coversTheWholeUtcDayWithTheRfcKeys() {
    JsonNode root = JSON.readTree(
        BUILDER.build(DayResults.of(Sessions.DAY, Sessions.mixedDay()), Sessions.STS_DOMAIN).json());
    List<String> keys = new ArrayList<>(root.propertyNames());
    assertThat(keys).containsExactly("organization-name", "date-range", "contact-info", "report-id", "policies");
    assertThat(root.path("date-range").path("start-datetime").asString()).isEqualTo("2026-11-28T00:00:00Z");
    assertThat(root.path("date-range").path("end-datetime").asString()).isEqualTo("2026-11-28T23:59:59Z");
  }

  /** RPT-2: policies is an array even when there is nothing to put in it. */
  @Test
  void policiesIsAlwaysAnArray() {
    JsonNode root = JSON.readTree(BUILDER.build(DayResults.of(Sessions.DAY, List.of()), Domain.of("quiet.example")).json());
    assertThat(root.path("policies").isArray()).isTrue();
    assertThat(root.path("policies")).isEmpty();
  }

  @Test
  void reportIdsDifferPerDomainAndDayAndRepeatForTheSameDay() {
    DayResults day = DayResults.of(Sessions.DAY, Sessions.mixedDay());
    DayResults next = DayResults.of(Sessions.DAY.plusDays(1), Sessions.mixedDay());
    String a = BUILDER.build(day, Sessions.STS_DOMAIN).reportId();
    assertThat(a).isNotEqualTo(BUILDER.build(day, Sessions.DANE_DOMAIN).reportId())
        .isNotEqualTo(BUILDER.build(next, Sessions.STS_DOMAIN).reportId())
        .isEqualTo(BUILDER.build(day, Sessions.STS_DOMAIN).reportId());
  }

  /** RPT-6: sender!policy-domain!begin!end.json.gz, times in epoch seconds. */
  @Test
  void fileNameFollowsRfc8460Section51() {
    TlsReport report = BUILDER.build(DayResults.of(Sessions.DAY, Sessions.mixedDay()), Sessions.STS_DOMAIN);
    assertThat(report.filename()).isEqualTo("mx.sender.example!company-y.example!1795824000!1795910399.json.gz");
  }

  /** RPT-6: gzip, and the archive reads back to the same report (RPT-9: content wins). */
  @Test
  void gzipRoundTripsThroughTheArchiveReader() {
    TlsReport report = BUILDER.build(DayResults.of(Sessions.DAY, Sessions.mixedDay()), Sessions.STS_DOMAIN);
    byte[] gz = report.gzip();
    assertThat(gz[0] & 0xff).isEqualTo(0x1f);
    assertThat(gz[1] & 0xff).isEqualTo(0x8b);
    assertThat(ReportFiles.gunzip(gz)).isEqualTo(report.json());
    assertThat(ReportFiles.fromArchive(report.filename(), gz)).isEqualTo(report);
  }
}
