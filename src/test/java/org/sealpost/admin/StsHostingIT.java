package org.sealpost.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.Main;
import org.sealpost.config.ConfigLoader;
import org.sealpost.config.SealpostConfig;
import org.sealpost.tls.TestPki;

/**
 * {@code sealpost serve} with {@code [mta_sts_policy] enabled}: Main starts the policy host beside
 * the SMTP listeners, with the SMTP certificate or its own, and stops it on close.
 */
@Timeout(30)
class StsHostingIT {

  private static final String ADDRESS = "127.0.0.84";
  private static final TestPki PKI = TestPki.create();

  private static String config(String tls, String policyExtra) {
    return """
        [server]
        hostname = "mx.example.org"
        data_dir = "data"

        [[listener]]
        name = "smtp"
        kind = "smtp"
        address = "%s"
        port = 0

        [tls]
        %s

        [local]
        domains = ["example.org", "example.net"]

        [dns]
        mode = "off"

        [delivery]
        enabled = false

        [mta_sts_policy]
        enabled = true
        listen = "%s:0"
        mode = "enforce"
        %s
        """.formatted(ADDRESS, tls, ADDRESS, policyExtra);
  }

  @Test
  void servesThePolicyForTheLocalDomainsWithTheSmtpCertificate(@TempDir Path dir) throws Exception {
    TestPki.Pem smtp = PKI.server("mx.example.org", "mta-sts.example.org", "mta-sts.example.net")
        .writePem(dir.resolve("smtp"));
    Path file = Files.writeString(dir.resolve("sealpost.toml"), config("""
        certificate = "%s"
        private_key = "%s"
        """.formatted(smtp.certificate(), smtp.privateKey()), ""));
    SealpostConfig config = ConfigLoader.load(file);
    try (Main.Running running = Main.start(config)) {
      StsPolicyServer sts = running.stsPolicy();
      assertThat(sts).isNotNull();
      for (String host : new String[] {"mta-sts.example.org", "mta-sts.example.net"}) {
        HttpsProbe.Response r = HttpsProbe.get(PKI.clientContext(), sts.address(), host);
        assertThat(r.status()).as(host).isEqualTo(200);
        // The defaults fill in mx (the server's host name) and max_age (one week).
        assertThat(r.body()).isEqualTo(
            "version: STSv1\r\nmode: enforce\r\nmx: mx.example.org\r\nmax_age: 604800\r\n");
      }
    }
  }

  @Test
  void ownCertificateIsReloadedWhenItsFilesChange(@TempDir Path dir) throws Exception {
    TestPki.Pem smtp = PKI.server("mx.example.org").writePem(dir.resolve("smtp"));
    TestPki.Pem web = PKI.server("mta-sts.example.org", "mta-sts.example.net").writePem(dir.resolve("web"));
    Path file = Files.writeString(dir.resolve("sealpost.toml"), config("""
        certificate = "%s"
        private_key = "%s"
        reload_interval = "100ms"
        """.formatted(smtp.certificate(), smtp.privateKey()), """
        cert_file = "web/cert.pem"
        key_file = "web/key.pem"
        """));
    try (Main.Running running = Main.start(ConfigLoader.load(file))) {
      StsPolicyServer sts = running.stsPolicy();
      X509Certificate first = HttpsProbe.get(PKI.clientContext(), sts.address(), "mta-sts.example.org").leaf();
      assertThat(first.getSubjectX500Principal().getName()).isEqualTo("CN=mta-sts.example.org");

      PKI.server("mta-sts.example.org", "mta-sts.example.net").writePem(dir.resolve("web"));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
      X509Certificate now = first;
      while (now.equals(first) && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
        now = HttpsProbe.get(PKI.clientContext(), sts.address(), "mta-sts.example.org").leaf();
      }
      assertThat(now).isNotEqualTo(first);
    }
  }

  @Test
  void stopsServingWhenSealpostStops(@TempDir Path dir) throws Exception {
    TestPki.Pem smtp = PKI.server("mx.example.org", "mta-sts.example.org").writePem(dir.resolve("smtp"));
    Path file = Files.writeString(dir.resolve("sealpost.toml"), config("""
        certificate = "%s"
        private_key = "%s"
        """.formatted(smtp.certificate(), smtp.privateKey()), ""));
    Main.Running running = Main.start(ConfigLoader.load(file));
    var address = running.stsPolicy().address();
    running.close();
    try {
      HttpsProbe.get(PKI.clientContext(), address, "mta-sts.example.org");
      throw new AssertionError("the policy host still answers after close");
    } catch (IOException expected) {
      assertThat(expected).isInstanceOf(java.net.ConnectException.class);
    }
  }
}
