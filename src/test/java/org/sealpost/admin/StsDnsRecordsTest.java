package org.sealpost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.MtaStsPolicyConfig;
import org.sealpost.mail.Domain;

class StsDnsRecordsTest {

  private static MtaStsPolicyConfig config(List<URI> rua) {
    return new MtaStsPolicyConfig(true, new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 8443),
        null, null, MtaStsMode.ENFORCE, List.of("mx.example.org"), 86_400,
        List.of(Domain.of("example.org"), Domain.of("example.net")), rua);
  }

  @Test
  void mtaStsRecordCarriesTheIdOfTheServedPolicy() { // STS-1
    StsDnsRecords r = StsDnsRecords.of(config(List.of()), Domain.of("Example.NET")).orElseThrow();
    assertThat(r.mtaStsRecord()).isEqualTo("_mta-sts.example.net. IN TXT \"v=STSv1; id="
        + StsPolicyDocument.of(MtaStsMode.ENFORCE, List.of("mx.example.org"), 86_400).id() + "\"");
    assertThat(r.policyUrl()).isEqualTo("https://mta-sts.example.net/.well-known/mta-sts.txt"); // STS-2
    assertThat(r.policyHost()).isEqualTo("mta-sts.example.net");
  }

  @Test
  void tlsRptRecordListsEveryReportUri() { // RPT-1
    StsDnsRecords r = StsDnsRecords.of(config(List.of(URI.create("mailto:tlsrpt@example.org"),
        URI.create("https://reports.example.org/tlsrpt"))), Domain.of("example.org")).orElseThrow();
    assertThat(r.tlsRptRecord()).contains("_smtp._tls.example.org. IN TXT "
        + "\"v=TLSRPTv1; rua=mailto:tlsrpt@example.org,https://reports.example.org/tlsrpt\"");
  }

  @Test
  void noReportUriMeansNoTlsRptRecord() {
    assertThat(StsDnsRecords.of(config(List.of()), Domain.of("example.org")).orElseThrow().tlsRptRecord())
        .isEmpty();
  }

  @Test
  void aDomainOutsideTheConfiguredOnesHasNoRecords() {
    assertThat(StsDnsRecords.of(config(List.of()), Domain.of("example.com"))).isEmpty();
    assertThat(StsDnsRecords.of(config(List.of()), Domain.of("sub.example.org"))).isEmpty(); // STS-7
  }

  @Test
  void longRecordDataIsSplitIntoStringsOf255Octets() { // RFC 1035 §3.3; joined without spaces (STS-1, RPT-1)
    String value = "v=TLSRPTv1; rua=" + "x".repeat(600);
    String data = StsDnsRecords.txtData(value);
    assertThat(data).startsWith("\"v=TLSRPTv1; rua=xx").matches("(\"[^\"]{1,255}\" ){2}\"[^\"]{1,255}\"");
    assertThat(data.replace("\" \"", "").replace("\"", "")).isEqualTo(value);
    assertThat(StsDnsRecords.txtData("x".repeat(255))).isEqualTo("\"" + "x".repeat(255) + "\"");
  }
}
