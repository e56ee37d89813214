package org.sealpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.admin.StsPolicyDocument;
import org.sealpost.config.ConfigLoader;
import picocli.CommandLine;

/** {@code sealpost sts record}: the records to publish, as golden files (STS-1, STS-2, RPT-1). */
class StsCommandTest {

  private static final String CONFIG = """
      [server]
      hostname = "mx1.example.org"

      [local]
      domains = ["example.org", "example.net"]

      [mta_sts_policy]
      enabled = true
      listen = "0.0.0.0:443"
      mode = "enforce"
      mx = ["mx1.example.org", "*.mx.example.org"]
      max_age = 1209600
      tlsrpt_rua = ["mailto:tlsrpt@example.org", "https://tlsrpt.example.org/v1"]
      """;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new SealpostCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = StsCommandTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void printsBothRecordsTheUrlAndTheCertificateName(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), CONFIG);
    assertThat(run("sts", "record", "example.org", "--config", file.toString())).isZero();
    assertThat(out.toString()).isEqualTo(golden("sts-record-full.txt"));
    assertThat(err.toString()).isEmpty();
    // The id printed is the one the policy host serves under.
    String id = StsPolicyDocument.of(ConfigLoader.load(file).mtaStsPolicy()).id();
    assertThat(out.toString()).contains("\"v=STSv1; id=" + id + "\"");
  }

  @Test
  void withoutReportAddressesSaysWhyThereIsNoTlsRptRecord(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), """
        [server]
        hostname = "mx.example.net"
        [local]
        domains = ["example.net"]
        """);
    assertThat(run("sts", "record", "EXAMPLE.NET.", "--config", file.toString())).isZero();
    assertThat(out.toString()).isEqualTo(golden("sts-record-defaults.txt"));
  }

  @Test
  void refusesADomainThatIsNotAPolicyDomainNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), CONFIG);
    assertThat(run("sts", "record", "example.com", "--config", file.toString()))
        .isEqualTo(StsCommand.NOT_A_POLICY_DOMAIN);
    assertThat(err.toString()).isEqualTo("sts record: example.com is not in [mta_sts_policy] domains "
        + "(example.org, example.net); add it there to serve a policy for it\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void refusesAnInvalidDomain() {
    assertThat(run("sts", "record", "exa mple.org")).isEqualTo(StsCommand.NOT_A_POLICY_DOMAIN);
    assertThat(err.toString()).isEqualTo("sts record: not a valid domain: \"exa mple.org\"\n");
  }

  @Test
  void usesTheBuiltInDefaultsWithoutConfig() {
    assertThat(run("sts", "record", "localhost")).isZero();
    assertThat(out.toString()).startsWith("_mta-sts.localhost. IN TXT \"v=STSv1; id=")
        .contains("; note: [mta_sts_policy] enabled = false");
  }

  @Test
  void badConfigExitsTwoWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), "[mta_sts_policy]\nmode = \"strict\"\n");
    assertThat(run("sts", "record", "example.org", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(file + ":2: [mta_sts_policy] mode: expected \"enforce\", "
        + "\"testing\" or \"none\", got \"strict\"\n");
  }
}
