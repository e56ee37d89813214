package org.sealpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.delivery.TlsSessionResult.PolicyType;
import org.sealpost.mail.Domain;
import org.sealpost.policy.TlsResultType;
import org.sealpost.report.tlsrpt.ResultStore;
import picocli.CommandLine;

@TestMethodOrder(MethodOrderer.Random.class)
class TlsRptCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    CommandLine cl = new CommandLine(new SealpostCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private Path config() throws Exception {
    return Files.writeString(dir.resolve("sealpost.toml"),
        "[server]\nhostname = \"mx.sender.example\"\ndata_dir = \"data\"\n");
  }

  private void record(String at, TlsResultType failure) {
    try (ResultStore store = ResultStore.open(dir.resolve("data/tlsrpt"))) {
      store.sessionEnded(new TlsSessionResult(Instant.parse(at), Domain.of("example.org"), PolicyType.STS,
          List.of("version: STSv1", "mode: enforce", "mx: mx.example.org", "max_age: 604800"), "mx.example.org",
          "192.0.2.1", "mx.example.org", null, "198.51.100.25", failure, null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void showPrintsTheReportThatWouldBeSentForTheDay() throws Exception {
    Path file = config();
    record("2026-11-28T10:00:00Z", null);
    record("2026-11-28T11:00:00Z", TlsResultType.CERTIFICATE_NOT_TRUSTED);
    assertThat(run("tlsrpt", "show", "--day", "2026-11-28", "--config", file.toString())).isZero();
    assertThat(out.toString())
        .startsWith("# example.org 2026-11-28: not sent; would be sent if the domain publishes a TLSRPT record\n")
        .contains("\"report-id\" : \"2026-11-28.example.org@mx.sender.example\"",
            "\"total-successful-session-count\" : 1", "\"result-type\" : \"certificate-not-trusted\"");
  }

  @Test
  void showDefaultsToYesterday() throws Exception {
    Path file = config();
    record("2026-11-28T10:00:00Z", null);
    CommandLine cl = new CommandLine(new TlsRptCommand.ShowCommand());
    cl.setOut(new PrintWriter(out, true));
    TlsRptCommand.ShowCommand show = cl.getCommand();
    show.clock = Clock.fixed(Instant.parse("2026-11-29T03:00:00Z"), ZoneOffset.UTC);
    assertThat(cl.execute("--config", file.toString())).isZero();
    assertThat(out.toString()).contains("# example.org 2026-11-28:");
  }

  @Test
  void showSaysWhenThereIsNothing() throws Exception {
    assertThat(run("tlsrpt", "show", "--day", "2026-01-01", "--config", config().toString())).isZero();
    assertThat(out.toString()).startsWith("# no TLS session results for 2026-01-01");
  }

  @Test
  void showRefusesABadDay() throws Exception {
    assertThat(run("tlsrpt", "show", "--day", "yesterday", "--config", config().toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--day: expected YYYY-MM-DD");
  }
}
