package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sealpost.config.ListenerKind;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;

/**
 * swaks (Debian 20201014) against all three listeners: plain SMTP on the relay listener,
 * STARTTLS + AUTH PLAIN/LOGIN on submission (RFC 6409, RFC 4954), implicit TLS on submissions
 * (RFC 8314, TLS-11). Each accepted message is looked up in the spool under the queue id swaks saw
 * in the {@code 250} reply, and its recorded client facts (TLS, listener, authenticated user) are
 * checked.
 *
 * <p>swaks 20201014's {@code --tls-verify} checks the chain against {@code --tls-ca-path} but not
 * the host name (interop-notes pitfall 11); name checks are the openssl and smtplib tests' job.
 * swaks cannot put REQUIRETLS on MAIL FROM, so everything here is untagged.
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.Random.class)
class SwaksInteropIT {

  private static final String ADDRESS = "127.0.0.61";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static InteropSealpost sealpost;
  private static Path swaks;
  private static boolean swaksHasTls;

  @BeforeAll
  static void start() throws Exception {
    sealpost = InteropSealpost.start(dir, ADDRESS,
        InteropSealpost.ServerCertificate.TEST_CA_NAME_AND_ADDRESS);
    swaksHasTls = InteropPeers.find("swaks")
        .map(p -> InteropPeers.run(TIMEOUT, List.of(p.toString(), "--support")).output())
        .filter(support -> support.contains("TLS supported"))
        .isPresent();
  }

  @BeforeEach
  void requirePeer() {
    swaks = InteropPeers.require("swaks", "swaks");
  }

  @AfterAll
  static void stop() {
    if (sealpost != null) {
      sealpost.close();
    }
  }

  @Test
  void plainSmtpOnTheRelayListenerIsQueuedWithoutTlsFacts() {
    String token = token();
    PeerRun run = swaks(ListenerKind.SMTP, token);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("<-  220 mx.interop.test ESMTP", "<-  250 2.1.5 ",
        "<-  250 2.0.0 Ok: queued as ").doesNotContain(" -> STARTTLS", "=== TLS started");
    QueueEntry entry = sealpost.queued(run.queuedAs().orElseThrow());
    ClientInfo client = entry.envelope().client();
    assertThat(client.tls()).isNull();
    assertThat(client.authenticatedUser()).isNull();
    assertThat(client.listener()).isEqualTo("smtp");
    assertThat(client.heloName()).isEqualTo("client.interop.test");
    assertThat(entry.envelope().tlsRequirement()).isEqualTo(TlsRequirement.UNSPECIFIED);
    assertThat(InteropSealpost.content(entry))
        .contains("by mx.interop.test (Sealpost) with ESMTP id " + entry.queueId().value(), token);
  }

  // RFC 4954 over RFC 3207 on the submission listener; EXT-5, RT-33 (authenticated over TLS).
  @ParameterizedTest
  @ValueSource(strings = {"PLAIN", "LOGIN"})
  void startTlsThenAuthOnSubmissionRecordsTlsAndUser(String mechanism) {
    requireSwaksTls();
    String token = token();
    PeerRun run = swaks(ListenerKind.SUBMISSION, token, "--tls", "--tls-verify",
        "--tls-ca-path", sealpost.caPem().toString(),
        "--auth", mechanism, "--auth-user", InteropSealpost.USER,
        "--auth-password", InteropSealpost.PASSWORD);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains(" -> STARTTLS", "<-  220 2.0.0", "=== TLS started",
        " ~> AUTH " + mechanism, "<~  235 2.7.0", "<~  250 2.0.0 Ok: queued as ");
    QueueEntry entry = sealpost.queued(run.queuedAs().orElseThrow());
    assertTlsAndUser(entry.envelope().client(), "submission");
    assertThat(InteropSealpost.content(entry)).contains(" with ESMTPSA id ", "(using TLSv1.", token);
  }

  // RFC 8314 §3.3 and TLS-11: TLS from the first byte, so the first EHLO is already post-TLS.
  @Test
  void implicitTlsOnSubmissionsRecordsTlsAndUser() {
    requireSwaksTls();
    String token = token();
    PeerRun run = swaks(ListenerKind.SUBMISSIONS, token, "--tls-on-connect", "--tls-verify",
        "--tls-ca-path", sealpost.caPem().toString(),
        "--auth", "PLAIN", "--auth-user", InteropSealpost.USER,
        "--auth-password", InteropSealpost.PASSWORD);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("=== TLS started", "<~  220 mx.interop.test ESMTP",
        "<~  235 2.7.0").containsPattern("<~  250[ -]REQUIRETLS").doesNotContain("STARTTLS");
    QueueEntry entry = sealpost.queued(run.queuedAs().orElseThrow());
    assertTlsAndUser(entry.envelope().client(), "submissions");
  }

  // EXT-5 and TLS-3: submission offers AUTH only inside TLS, so a plaintext client cannot log in.
  @Test
  void submissionDoesNotOfferAuthBeforeStartTls() {
    PeerRun run = swaks(ListenerKind.SUBMISSION, token(), "--auth", "PLAIN",
        "--auth-user", InteropSealpost.USER, "--auth-password", InteropSealpost.PASSWORD);

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(28); // swaks: AUTH failed or not offered
    assertThat(run.stdout()).containsPattern("<-  250[ -]STARTTLS")
        .doesNotContainPattern("250[ -]AUTH").doesNotContain(" -> AUTH");
    assertThat(run.queuedAs()).isEmpty();
  }

  @Test
  void wrongPasswordIsRefusedWith535() {
    requireSwaksTls();
    PeerRun run = swaks(ListenerKind.SUBMISSION, token(), "--tls",
        "--auth", "PLAIN", "--auth-user", InteropSealpost.USER, "--auth-password", "wrong");

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(28);
    assertThat(run.stdout()).contains("<~* 535 5.7.8");
    assertThat(run.queuedAs()).isEmpty();
  }

  private static void requireSwaksTls() {
    InteropPeers.requireThat(swaksHasTls,
        "swaks has no TLS support (apt-get install libnet-ssleay-perl)");
  }

  private static void assertTlsAndUser(ClientInfo client, String listener) {
    assertThat(client.tls()).isNotNull();
    assertThat(client.tls().protocol()).isIn("TLSv1.2", "TLSv1.3");
    assertThat(client.tls().cipherSuite()).startsWith("TLS_");
    assertThat(client.authenticatedUser()).isEqualTo(InteropSealpost.USER);
    assertThat(client.listener()).isEqualTo(listener);
  }

  private static PeerRun swaks(ListenerKind listener, String token, String... options) {
    List<String> command = new ArrayList<>(List.of(swaks.toString(),
        "--server", sealpost.endpoint(listener), "--helo", "client.interop.test",
        "--from", "alice@client.test", "--to", "bob@interop.test",
        "--h-Subject", "swaks " + token, "--body", "interop body " + token, "--timeout", "20"));
    command.addAll(List.of(options));
    return InteropPeers.run(TIMEOUT, command);
  }

  private static String token() {
    return UUID.randomUUID().toString();
  }
}
