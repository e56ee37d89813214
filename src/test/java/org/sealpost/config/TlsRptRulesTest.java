package org.sealpost.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.Random.class)
class TlsRptRulesTest {

  private static final Path BASE = Path.of("/etc/sealpost");

  private static TlsRptConfig parse(String toml) throws ConfigException {
    return ConfigLoader.parse("sealpost.toml", toml, BASE).tlsRpt();
  }

  @Test
  void defaultsFollowTheServerHostnameAndDataDir() throws Exception {
    TlsRptConfig c = parse("[server]\nhostname = \"mx.example.org\"\ndata_dir = \"/var/lib/sealpost\"\n");
    assertThat(c).isEqualTo(new TlsRptConfig(false, "mx.example.org", "postmaster@mx.example.org",
        "mx.example.org", Duration.ofHours(4), Path.of("/var/lib/sealpost/tlsrpt"), null));
    assertThat(c).isEqualTo(Defaults.tlsRpt(new ServerConfig("mx.example.org", Path.of("/var/lib/sealpost"))));
  }

  @Test
  void readsEveryKey() throws Exception {
    TlsRptConfig c = parse("""
        [server]
        data_dir = "/var/lib/sealpost"
        [tlsrpt]
        enabled = true
        organization_name = "Example Org"
        contact_info = "mailto:tls@example.org"
        submitter = "Reports.Example.org"
        max_delay = "0s"
        store_dir = "reports"
        ca_file = "ca.pem"
        """);
    assertThat(c).isEqualTo(new TlsRptConfig(true, "Example Org", "mailto:tls@example.org",
        "Reports.Example.org", Duration.ZERO, Path.of("/var/lib/sealpost/reports"), Path.of("/etc/sealpost/ca.pem")));
  }

  @Test
  void aDayIsTheLongestDelay() throws Exception {
    assertThat(parse("[tlsrpt]\nmax_delay = \"1d\"\n").maxDelay()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void configWithoutTheSectionGetsItsDefaults() {
    SealpostConfig c = SealpostConfig.defaults();
    assertThat(c.tlsRpt()).isEqualTo(Defaults.tlsRpt(c.server()));
  }
}
