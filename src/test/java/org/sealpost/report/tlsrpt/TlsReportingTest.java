package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.TlsRptConfig;
import org.sealpost.mail.MailAddress;

@TestMethodOrder(MethodOrderer.Random.class)
class TlsReportingTest {

  @TempDir Path dir;

  private TlsRptConfig config(String contact) {
    return new TlsRptConfig(true, "Sealpost Test Org", contact, "mx.sender.example", Duration.ZERO, dir, null);
  }

  /** {@code show} prints what was sent when it was sent, and what would be built otherwise. */
  @Test
  void showPrefersTheArchivedReport() throws Exception {
    try (ResultStore store = ResultStore.open(dir)) {
      Sessions.mixedDay().forEach(store::sessionEnded);
    }
    TlsReport sent = new TlsReport(Sessions.STS_DOMAIN, Sessions.DAY, "sent-id", "mx.sender.example", "{\"x\":1}\n");
    new Outbox(dir).open().archive(sent);
    List<TlsReporting.Shown> shown = TlsReporting.show(config("postmaster@mx.sender.example"), Sessions.DAY);
    assertThat(shown).extracting(s -> s.report().policyDomain(), TlsReporting.Shown::sent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Sessions.STS_DOMAIN, true),
            org.assertj.core.groups.Tuple.tuple(Sessions.DANE_DOMAIN, false));
    assertThat(shown.getFirst().report().json()).isEqualTo("{\"x\":1}\n");
    assertThat(TlsReporting.show(config("x"), Sessions.DAY.minusDays(1))).isEmpty();
  }

  @Test
  void reportMailComesFromTheContactAddressOrThePostmaster() {
    assertThat(TlsReporting.from(config("mailto:tls@sender.example"))).isEqualTo(MailAddress.parse("tls@sender.example"));
    assertThat(TlsReporting.from(config("tls@sender.example"))).isEqualTo(MailAddress.parse("tls@sender.example"));
    assertThat(TlsReporting.from(config("https://sender.example/contact")))
        .isEqualTo(MailAddress.parse("postmaster@mx.sender.example"));
  }
}
