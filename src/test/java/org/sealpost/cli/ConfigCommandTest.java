package org.sealpost.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ConfigLoader;
import org.sealpost.config.PasswordHash;
import picocli.CommandLine;

class ConfigCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Object command, String... args) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void checkPrintsOkForAGoodFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), "[server]\nhostname = \"mx.test\"\n");
    assertThat(run(new SealpostCommand(), "config", "check", file.toString())).isZero();
    assertThat(out.toString()).isEqualTo(file + ": ok\n");
  }

  @Test
  void checkPrintsTheErrorLineAndExitsTwo(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), "[limits]\nmax_errors = 0\n");
    assertThat(run(new SealpostCommand(), "config", "check", file.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(
        file + ":2: [limits] max_errors: expected a positive integer, got 0\n");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void checkLoadsTheConfiguredCertificate(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
    Files.writeString(dir.resolve("key.pem"), "not a key\n");
    Path file = Files.writeString(dir.resolve("sealpost.toml"),
        "[tls]\ncertificate = \"cert.pem\"\nprivate_key = \"key.pem\"\n");
    assertThat(run(new SealpostCommand(), "config", "check", file.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(
        file + ": tls.certificate " + dir.toAbsolutePath().resolve("cert.pem") + ": no certificate found\n");
  }

  @Test
  void checkRefusesAnUnreadableDeliveryCaFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"),
        "[delivery]\nca_file = \"missing-ca.pem\"\n");
    assertThat(run(new SealpostCommand(), "config", "check", file.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(file + ": delivery.ca_file "
        + dir.toAbsolutePath().resolve("missing-ca.pem") + ": cannot read\n");
    Files.writeString(dir.resolve("missing-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    assertThat(run(new SealpostCommand(), "config", "check", file.toString())).isZero();
  }

  @Test
  void checkLoadsTheMtaStsPolicyHostsOwnCertificate(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("sts.pem"), "not a certificate\n");
    Files.writeString(dir.resolve("sts.key"), "not a key\n");
    Path file = Files.writeString(dir.resolve("sealpost.toml"),
        "[mta_sts_policy]\ncert_file = \"sts.pem\"\nkey_file = \"sts.key\"\n");
    assertThat(run(new SealpostCommand(), "config", "check", file.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(file + ": mta_sts_policy.cert_file "
        + dir.toAbsolutePath().resolve("sts.pem") + ": no certificate found\n");
  }

  @Test
  void checkRefusesUnreadableMtaStsAndTlsRptCaFiles(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sealpost.toml"), "[tlsrpt]\nca_file = \"nope.pem\"\n");
    assertThat(run(new SealpostCommand(), "config", "check", file.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(file + ": tlsrpt.ca_file "
        + dir.toAbsolutePath().resolve("nope.pem") + ": cannot read\n");
  }

  @Test
  void defaultsPrintALoadableConfig(@TempDir Path dir) throws Exception {
    assertThat(run(new SealpostCommand(), "config", "defaults")).isZero();
    Path file = Files.writeString(dir.resolve("d.toml"), out.toString());
    assertThat(ConfigLoader.load(file).limits().maxRecipients()).isEqualTo(100);
    assertThat(out.toString()).contains("[[listener]]", "max_message_size = \"50MiB\"");
  }

  @Test
  void passwdHashesOneLineFromStdin() {
    var stdin = new ByteArrayInputStream("hunter2 pw\n".getBytes(StandardCharsets.UTF_8));
    assertThat(run(new PasswdCommand(null, stdin))).isZero();
    String line = out.toString().strip();
    assertThat(line).startsWith("password_hash = \"pbkdf2-sha256$");
    String hash = line.substring(line.indexOf('"') + 1, line.length() - 1);
    assertThat(PasswordHash.verify("hunter2 pw".toCharArray(), hash)).isTrue();
  }

  @Test
  void passwdRefusesAnEmptyPassword() {
    assertThat(run(new PasswdCommand(null, new ByteArrayInputStream(new byte[0])))).isEqualTo(1);
    assertThat(err.toString()).contains("empty password refused");
  }
}
