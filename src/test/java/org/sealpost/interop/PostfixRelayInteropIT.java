package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ListenerKind;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;
import org.sealpost.tls.TestPki;

/**
 * Postfix 3.7 (Debian 12) relays into Sealpost over STARTTLS with {@code smtp_tls_security_level =
 * verify}: certificate chain checked against the test CA and the next-hop name matched.
 *
 * <p>How the name check works here (found by trying it): the relayhost is the bracketed IP
 * {@code [127.0.0.65]:PORT}, so the name Postfix checks is that IP, and Sealpost's certificate
 * carries it as an iPAddress SAN besides {@code mx.interop.test}. No hosts file, DNS or mount
 * namespace is needed. The negative case proves the check is real: a second Sealpost whose
 * certificate lacks the IP SAN gets {@code num=64:IP address mismatch} and the message is
 * deferred with {@code 4.7.5 Server certificate not verified}, never delivered.
 *
 * <p>Postfix 3.7 cannot send REQUIRETLS (the extension arrived in Postfix 3.11; 3.7 has no
 * {@code requiretls*} parameter), so what arrives is untagged: this test proves verified-TLS
 * interop for ordinary relaying, and REQUIRETLS interop is the smtplib and openssl tests' job.
 *
 * <p>The instance is private ({@code postfix -c DIR}, config from {@code interop/postfix/}),
 * listens on 127.0.0.67 at a free port, sends from 127.0.0.67, and is stopped after the class.
 * Messages are injected into it with swaks. Needs root, postfix and swaks; skips otherwise.
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.Random.class)
class PostfixRelayInteropIT {

  private static final String POSTFIX_ADDRESS = "127.0.0.67";
  private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> PEERS = List.of("postfix", "script", "swaks");

  @TempDir static Path dir;
  private static InteropSealpost sealpost;
  private static InteropSealpost wrongName;
  private static PrivatePostfix postfix;
  private static Path swaks;
  private static int postfixPort;

  @BeforeAll
  static void start() throws Exception {
    // One CA for both servers, so the only thing wrong with the second is the missing name.
    TestPki pki = TestPki.create();
    sealpost = InteropSealpost.start(dir.resolve("sealpost"), "127.0.0.65",
        InteropSealpost.ServerCertificate.TEST_CA_NAME_AND_ADDRESS, pki);
    wrongName = InteropSealpost.start(dir.resolve("wrong-name"), "127.0.0.66",
        InteropSealpost.ServerCertificate.TEST_CA_NAME_ONLY, pki);
    if (PEERS.stream().anyMatch(p -> InteropPeers.find(p).isEmpty()) || !InteropPeers.isRoot()) {
      return; // requirePeers() skips every test and says why
    }
    postfixPort = InteropPeers.freePort(POSTFIX_ADDRESS);
    postfix = PrivatePostfix.start(InteropPeers.find("postfix").orElseThrow(),
        dir.resolve("postfix"), sealpost.caPem(), Map.of(
            "LISTEN", POSTFIX_ADDRESS,
            "PORT", Integer.toString(postfixPort),
            "SEALPOST", sealpost.address(),
            "SEALPOST_PORT", Integer.toString(sealpost.port(ListenerKind.SMTP)),
            "WRONG_NAME", wrongName.address(),
            "WRONG_NAME_PORT", Integer.toString(wrongName.port(ListenerKind.SMTP))));
  }

  @BeforeEach
  void requirePeers() {
    InteropPeers.require("postfix", "postfix");
    InteropPeers.require("script", "bsdutils");
    swaks = InteropPeers.require("swaks", "swaks");
    InteropPeers.requireRoot();
  }

  @AfterAll
  static void stop() {
    if (postfix != null) {
      postfix.close();
    }
    if (sealpost != null) {
      sealpost.close();
    }
    if (wrongName != null) {
      wrongName.close();
    }
  }

  @Test
  void postfixRelaysOverVerifiedStartTls() throws Exception {
    String token = UUID.randomUUID().toString();
    inject("bob@interop.test", token);

    Matcher sent = postfix.awaitLog(Pattern.compile(
        "to=<bob@interop\\.test>, relay=127\\.0\\.0\\.65\\[127\\.0\\.0\\.65]:\\d+, .*"
            + "status=sent \\(250 2\\.0\\.0 Ok: queued as (\\S+)\\)"), RELAY_TIMEOUT);
    assertThat(postfix.maillog())
        .contains("Verified TLS connection established to 127.0.0.65[127.0.0.65]:"
            + sealpost.port(ListenerKind.SMTP));

    QueueEntry entry = sealpost.queued(sent.group(1));
    ClientInfo client = entry.envelope().client();
    assertThat(client.address()).isEqualTo(POSTFIX_ADDRESS);
    assertThat(client.heloName()).isEqualTo("relay.interop.test");
    assertThat(client.listener()).isEqualTo("smtp");
    assertThat(client.tls()).isNotNull();
    assertThat(client.tls().protocol()).isIn("TLSv1.2", "TLSv1.3");
    assertThat(client.authenticatedUser()).isNull();
    // Postfix 3.7 has no REQUIRETLS: the message arrives untagged.
    assertThat(entry.envelope().tlsRequirement()).isEqualTo(TlsRequirement.UNSPECIFIED);
    assertThat(InteropSealpost.content(entry))
        .contains(" with ESMTPS id " + entry.queueId().value(), "(using TLSv1.", token,
            "by relay.interop.test (Postfix)");
  }

  @Test
  void postfixDefersWhenTheCertificateDoesNotNameTheRelayHost() throws Exception {
    inject("bob@wrong-name.interop.test", UUID.randomUUID().toString());

    postfix.awaitLog(Pattern.compile("to=<bob@wrong-name\\.interop\\.test>, "
        + "relay=127\\.0\\.0\\.66\\[127\\.0\\.0\\.66]:\\d+, .*dsn=4\\.7\\.5, status=deferred "
        + "\\(Server certificate not verified\\)"), RELAY_TIMEOUT);
    assertThat(postfix.maillog()).contains("IP address mismatch");
    assertThat(wrongName.queued()).isEmpty();
  }

  private static void inject(String recipient, String token) {
    PeerRun run = InteropPeers.run(Duration.ofSeconds(30), List.of(swaks.toString(),
        "--server", POSTFIX_ADDRESS + ":" + postfixPort, "--helo", "client.interop.test",
        "--from", "alice@client.interop.test", "--to", recipient,
        "--h-Subject", "postfix " + token, "--body", "interop body " + token));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("<-  250 2.0.0 Ok: queued as ");
  }
}
