package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RPT-1: the TLSRPT TXT record, as a table. */
@TestMethodOrder(MethodOrderer.Random.class)
class RuaRecordTest {

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("v=TLSRPTv1; rua=mailto:reports@example.com", List.of("mailto:reports@example.com")),
        Arguments.of("v=TLSRPTv1;rua=https://reporting.example.com/v1/tlsrpt",
            List.of("https://reporting.example.com/v1/tlsrpt")),
        Arguments.of("v=TLSRPTv1; rua=mailto:a@example.com, https://r.example.com/x",
            List.of("mailto:a@example.com", "https://r.example.com/x")),
        Arguments.of("v=TLSRPTv1 ;\trua=mailto:a@example.com ; ", List.of("mailto:a@example.com")),
        Arguments.of("v=TLSRPTv1; ext=foo; rua=mailto:a@example.com; other.name-1=x",
            List.of("mailto:a@example.com")),
        Arguments.of("v=TLSRPTv1;; rua=mailto:a@example.com;;", List.of("mailto:a@example.com")),
        Arguments.of("v=TLSRPTv1; rua=MAILTO:a@example.com", List.of("MAILTO:a@example.com")),
        Arguments.of("v=TLSRPTv1; rua=mailto:a@example.com?subject=x", List.of("mailto:a@example.com?subject=x")),
        Arguments.of("v=TLSRPTv1; rua=ftp://x.example,mailto:a@example.com", List.of("mailto:a@example.com")),
        Arguments.of("v=TLSRPTv1; rua=mailto:not-an-address,https://r.example/", List.of("https://r.example/")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesValidRecords(String txt, List<String> expected) {
    assertThat(RuaRecord.parse(List.of(txt))).isInstanceOfSatisfying(RuaRecord.Parsed.Found.class,
        f -> assertThat(f.record().destinations()).extracting(Rua::uri).containsExactlyElementsOf(expected));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(List.of(), "no v=TLSRPTv1 record"),
        Arguments.of(List.of("v=spf1 -all"), "no v=TLSRPTv1 record"),
        Arguments.of(List.of("v=TLSRPTv10; rua=mailto:a@example.com"), "no v=TLSRPTv1 record"),
        Arguments.of(List.of("v=tlsrptv1; rua=mailto:a@example.com"), "no v=TLSRPTv1 record"),
        Arguments.of(List.of(" v=TLSRPTv1; rua=mailto:a@example.com"), "no v=TLSRPTv1 record"),
        Arguments.of(List.of("v=TLSRPTv1"), "no v=TLSRPTv1 record"),
        Arguments.of(List.of("v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"),
            "2 v=TLSRPTv1 records, expected one"),
        Arguments.of(List.of("v=TLSRPTv1;"), "no rua field"),
        Arguments.of(List.of("v=TLSRPTv1; ext=1"), "no rua field"),
        Arguments.of(List.of("v=TLSRPTv1; rua"), "malformed field \"rua\""),
        Arguments.of(List.of("v=TLSRPTv1; =x; rua=mailto:a@example.com"), "malformed field \"=x\""),
        Arguments.of(List.of("v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com"), "rua given twice"),
        Arguments.of(List.of("v=TLSRPTv1; rua=http://r.example/"), "no usable rua URI in [http://r.example/]"),
        Arguments.of(List.of("v=TLSRPTv1; rua="), "no usable rua URI in []"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesInvalidOrAmbiguousRecords(List<String> txt, String reason) {
    assertThat(RuaRecord.parse(txt)).isEqualTo(new RuaRecord.Parsed.NotFound(reason));
  }

  /** RPT-1: other TXT records at the name are ignored, so one TLSRPT record among them counts. */
  @Test
  void ignoresOtherTxtRecords() {
    assertThat(RuaRecord.parse(List.of("v=spf1 -all", "v=TLSRPTv1; rua=mailto:a@example.com", "hello")))
        .isInstanceOf(RuaRecord.Parsed.Found.class);
  }

  @Test
  void decodesMailtoAndKeepsHttpsTarget() {
    RuaRecord r = ((RuaRecord.Parsed.Found) RuaRecord.parse(
        List.of("v=TLSRPTv1; rua=mailto:tls%2Breports@Example.COM,https://r.example:8443/a?b=c"))).record();
    assertThat(r.destinations().get(0)).isInstanceOfSatisfying(Rua.Mailto.class,
        m -> assertThat(m.address().toString()).isEqualTo("tls+reports@example.com"));
    assertThat(r.destinations().get(1)).isInstanceOfSatisfying(Rua.Https.class,
        h -> assertThat(h.target().getPort()).isEqualTo(8443));
  }
}
