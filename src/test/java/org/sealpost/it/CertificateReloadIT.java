package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ListenerKind;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.tls.TestPki;

/**
 * Certificate renewal without a restart: the operator replaces the PEM files (as certbot does), and
 * within {@code tls.reload_interval} new handshakes on every TLS listener present the new
 * certificate, while sessions already running keep theirs.
 */
class CertificateReloadIT {

  @TempDir Path dir;

  @Test
  void replacedCertificateFilesAreServedToNewHandshakes() throws Exception {
    try (SealpostInstance mta = SealpostInstance.builder(dir).address("127.0.0.49")
        .tlsReloadInterval(Duration.ofMillis(200)).start()) {
      SmtpClient old = mta.connectStartTls(ListenerKind.SMTP);
      X509Certificate before = leaf(old);
      TestPki.Issued renewed = mta.pki().server(SealpostInstance.HOSTNAME);
      assertThat(renewed.leaf()).isNotEqualTo(before);

      replace(mta.certificateFiles(), renewed);

      X509Certificate seen = before;
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
           seen.equals(before) && System.nanoTime() < end; ) {
        Thread.sleep(100);
        try (SmtpClient c = mta.connectStartTls(ListenerKind.SMTP)) {
          seen = leaf(c);
        }
      }
      assertThat(seen).as("STARTTLS after the reload").isEqualTo(renewed.leaf());
      try (SmtpClient c = mta.connectImplicitTls(ListenerKind.SUBMISSIONS)) {
        assertThat(leaf(c)).as("implicit TLS after the reload").isEqualTo(renewed.leaf());
      }
      // The session that started before the renewal is unaffected.
      assertThat(old.noop().code()).isEqualTo(250);
      assertThat(leaf(old)).isEqualTo(before);
      old.quit();
    }
  }

  private static X509Certificate leaf(SmtpClient c) {
    return c.tlsSession().orElseThrow().peerCertificates().getFirst();
  }

  /** Writes the new pair beside the old one, then renames each over its predecessor. */
  private void replace(TestPki.Pem live, TestPki.Issued renewed) throws IOException {
    TestPki.Pem fresh = renewed.writePem(dir.resolve("renewed"));
    Files.move(fresh.privateKey(), live.privateKey(), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Files.move(fresh.certificate(), live.certificate(), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
