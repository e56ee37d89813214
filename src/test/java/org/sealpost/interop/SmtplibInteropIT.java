package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ListenerKind;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;

/**
 * Python's {@code smtplib} as an RFC 8689 client: it passes MAIL parameters verbatim, so it can
 * send REQUIRETLS, which no MTA packaged for Debian 12 can (interop-notes §6). The client script is
 * {@code interop/smtplib/requiretls_client.py}, run by Debian's {@code /usr/bin/python3} in
 * isolated mode ({@code -I}), never by a pyenv python found on {@code PATH}. It connects to the IP
 * address and then sets {@code _host} to the certificate name, because {@code starttls()} verifies
 * against the {@code connect()} host (pitfall 12); the context trusts only the test CA.
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.Random.class)
class SmtplibInteropIT {

  private static final String ADDRESS = "127.0.0.62";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static InteropSealpost sealpost;
  private static Path python;

  @BeforeAll
  static void start() throws Exception {
    sealpost = InteropSealpost.start(dir, ADDRESS,
        InteropSealpost.ServerCertificate.TEST_CA_NAME_AND_ADDRESS);
  }

  @BeforeEach
  void requirePeer() {
    python = InteropPeers.require("python3", "python3");
  }

  @AfterAll
  static void stop() {
    if (sealpost != null) {
      sealpost.close();
    }
  }

  // RT-4 (advertised only after STARTTLS), RT-16 (tagged), RT-19 (tag persisted in the spool).
  @Test
  void requireTlsAfterStartTlsIsQueuedTaggedRequireTls() throws Exception {
    String token = UUID.randomUUID().toString();
    PeerRun run = client("requiretls", InteropSealpost.HOSTNAME, token);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("requiretls_before_tls=False", "starttls=ok TLSv1.",
        "requiretls_after_tls=True", "refused={}");
    QueueEntry entry =
        sealpost.awaitQueued(InteropSealpost.containing(token), Duration.ofSeconds(5));
    assertThat(entry.envelope().tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
    assertThat(entry.envelope().client().tls()).isNotNull();
    assertThat(InteropSealpost.content(entry)).contains(" (requiretls)");
  }

  // RT-7: REQUIRETLS on a session without TLS gets 530 5.7.10, never 2xx.
  @Test
  void requireTlsBeforeStartTlsIsRefusedWith530() {
    PeerRun run = client("requiretls-before-tls", InteropSealpost.HOSTNAME, "unused");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("requiretls_before_tls=False", "mail_reply=530 5.7.10");
  }

  // RT-17: no parameter but one valid "TLS-Required: No" field tags the message TLS-optional.
  @Test
  void tlsRequiredNoHeaderIsQueuedTlsOptional() throws Exception {
    String token = UUID.randomUUID().toString();
    PeerRun run = client("tls-required-no", InteropSealpost.HOSTNAME, token);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("refused={}");
    QueueEntry entry =
        sealpost.awaitQueued(InteropSealpost.containing(token), Duration.ofSeconds(5));
    assertThat(entry.envelope().tlsRequirement()).isEqualTo(TlsRequirement.TLS_OPTIONAL);
    assertThat(InteropSealpost.content(entry)).contains("TLS-Required: No"); // RT-15: kept as is
  }

  // Proves the client really checks the name: the same CA, a name the certificate lacks.
  @Test
  void clientRefusesCertificateForAnotherName() {
    PeerRun run = client("verify-only", "other.interop.test", "unused");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("starttls=verify-failed").doesNotContain("starttls=ok");
  }

  private static PeerRun client(String scenario, String serverName, String token) {
    return InteropPeers.run(TIMEOUT, List.of(python.toString(), "-I",
        InteropPeers.resource("interop/smtplib/requiretls_client.py").toString(), scenario,
        ADDRESS, Integer.toString(sealpost.port(ListenerKind.SMTP)), serverName,
        sealpost.caPem().toString(), token));
  }
}
