package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
 * {@code openssl s_client -starttls smtp} (OpenSSL 3.0) with full PKIX and host name verification
 * ({@code -verify_hostname}, {@code -verify_return_error}) against the test CA, then a raw session
 * typed on stdin: EHLO, {@code MAIL FROM:<…> REQUIRETLS}, RCPT, {@code BDAT n LAST}, QUIT.
 *
 * <p>The script is sent in one burst. That is fine up to DATA but not for it (Sealpost rightly
 * answers {@code 554 5.5.0} to data sent before its 354), so the message goes as one BDAT chunk
 * (RFC 3030), which is meant to be pipelined. {@code -ign_eof} keeps s_client reading until the
 * server closes after QUIT, and also stops it from reading lines starting with Q or R as its own
 * commands.
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.Random.class)
class OpenSslStartTlsInteropIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static InteropSealpost verified;
  private static InteropSealpost selfSigned;
  private static Path openssl;

  @BeforeAll
  static void start() throws Exception {
    verified = InteropSealpost.start(dir.resolve("verified"), "127.0.0.63",
        InteropSealpost.ServerCertificate.TEST_CA_NAME_AND_ADDRESS);
    selfSigned = InteropSealpost.start(dir.resolve("self-signed"), "127.0.0.64",
        InteropSealpost.ServerCertificate.SELF_SIGNED_DEFAULT);
  }

  @BeforeEach
  void requirePeer() {
    openssl = InteropPeers.require("openssl", "openssl");
  }

  @AfterAll
  static void stop() {
    if (verified != null) {
      verified.close();
    }
    if (selfSigned != null) {
      selfSigned.close();
    }
  }

  // RT-4/RT-23 (REQUIRETLS in the post-TLS EHLO), RT-6 (MAIL ... REQUIRETLS on TLS), RT-16.
  @Test
  void verifiedStartTlsSessionAcceptsRequireTls() {
    String token = UUID.randomUUID().toString();
    String body = "Subject: openssl " + token + "\r\n\r\ninterop body\r\n";
    String script = "EHLO client.interop.test\r\n"
        + "MAIL FROM:<alice@client.interop.test> REQUIRETLS\r\n"
        + "RCPT TO:<bob@interop.test>\r\n"
        + "BDAT " + body.getBytes(StandardCharsets.US_ASCII).length + " LAST\r\n" + body
        + "QUIT\r\n";
    PeerRun run = sClient(verified, InteropSealpost.HOSTNAME, script);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("Verify return code: 0 (ok)", "250 2.1.0", "250 2.1.5",
        "221 ").containsPattern("250[ -]REQUIRETLS");
    QueueEntry entry = verified.queued(run.queuedAs().orElseThrow(
        () -> new AssertionError("no 'queued as' in " + run.describe())));
    assertThat(entry.envelope().tlsRequirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
    assertThat(entry.envelope().client().tls()).isNotNull();
    assertThat(InteropSealpost.content(entry)).contains(token);
  }

  @Test
  void certificateForAnotherNameFailsVerification() {
    PeerRun run = sClient(verified, "other.interop.test", "QUIT\r\n");

    assertThat(run.exitCode()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("hostname mismatch");
  }

  // The default self-signed certificate (no [tls] files) is for opportunistic TLS only: a client
  // that verifies, as REQUIRETLS senders must (RT-22), refuses it.
  @Test
  void defaultSelfSignedCertificateFailsVerification() {
    PeerRun run = sClient(selfSigned, InteropSealpost.HOSTNAME, "QUIT\r\n");

    assertThat(run.exitCode()).as(run.describe()).isNotZero();
    assertThat(run.output()).contains("self-signed certificate");
    assertThat(selfSigned.queued()).isEmpty();
  }

  private static PeerRun sClient(InteropSealpost sealpost, String name, String script) {
    return InteropPeers.run(TIMEOUT, script, List.of(openssl.toString(), "s_client",
        "-starttls", "smtp", "-connect", sealpost.endpoint(ListenerKind.SMTP),
        "-servername", name, "-CAfile", sealpost.caPem().toString(),
        "-verify_hostname", name, "-verify_return_error", "-ign_eof"));
  }
}
