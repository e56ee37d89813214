package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.sealpost.testing.Maildirs;
import org.sealpost.tls.TestPki;

/**
 * Sealpost delivers to Exim 4.96 (Debian 12's exim4-daemon-light), the final destination for
 * {@code dest.test}: the scenario of {@link PostfixReceiverInteropIT} against the other MTA Debian
 * ships.
 *
 * <p>Sealpost finds Exim as it finds any MX ({@link DeliveringSealpost}: DNSSEC-validated {@code
 * MX 10 mx1.dest.test}, {@code mx1.dest.test A 127.0.0.75}), and Exim ({@link PrivateExim}, config
 * {@code interop/exim/exim.conf}) offers STARTTLS with a certificate for {@code mx1.dest.test}
 * from the test CA, then stores bob's mail in a Maildir through its appendfile transport.
 *
 * <ul>
 *   <li>An untagged message goes over STARTTLS that Sealpost verified (PKIX chain and the MX name,
 *       RFC 7817 / RFC 6125): Sealpost logs {@code tls=verified-pkix}, Exim logs the message as
 *       {@code P=esmtps} with the cipher ({@code X=TLS1.3:…}) and stores it in bob's Maildir.
 *   <li>A REQUIRETLS message does not go at all: Exim 4.96 does not offer REQUIRETLS after
 *       STARTTLS, so Sealpost never sends MAIL FROM, and bounces the message to the sender's local
 *       Maildir with {@code 5.7.30} and the header section only (RT-26, RT-36, RFC 8689 §4.2.1 and
 *       §5). Exim logs a TLS session with no MAIL in it.
 * </ul>
 *
 * <p>One Exim, one Sealpost (127.0.0.74) and one DNS universe serve the class; each test reads
 * only the Exim log written after it began and waits for its own session's last line. Needs root,
 * unshare and an unpacked Exim; skips otherwise.
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.Random.class)
class EximReceiverInteropIT {

  private static final String SEALPOST_ADDRESS = "127.0.0.74";
  private static final String EXIM_ADDRESS = "127.0.0.75";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static PrivateExim exim;
  private static DeliveringSealpost sealpost;
  private static LogTail mainlog;
  private static int eximPort;

  @BeforeAll
  static void start() throws Exception {
    if (PrivateExim.find().isEmpty() || InteropPeers.find("unshare").isEmpty()
        || !InteropPeers.isRoot()) {
      return; // requirePeers() skips every test and says why
    }
    TestPki pki = TestPki.create();
    TestPki.Issued tls = pki.server(DeliveringSealpost.MX);
    eximPort = InteropPeers.freePort(EXIM_ADDRESS);
    exim = PrivateExim.start(PrivateExim.find().orElseThrow(), dir.resolve("exim"), EXIM_ADDRESS,
        eximPort, tls);
    mainlog = new LogTail("Exim mainlog", exim::mainlog);
    sealpost = DeliveringSealpost.start(dir.resolve("sealpost"), pki, SEALPOST_ADDRESS,
        EXIM_ADDRESS, eximPort, List.of());
  }

  @BeforeEach
  void requirePeers() {
    PrivateExim.require();
    mainlog.mark();
    sealpost.clearAttempts();
  }

  @AfterAll
  static void stop() {
    if (sealpost != null) {
      sealpost.close();
    }
    if (exim != null) {
      exim.close();
    }
  }

  @Test
  void untaggedMessageReachesEximOverVerifiedStartTls() throws Exception {
    String token = UUID.randomUUID().toString();
    sealpost.submit(List.of(), token);

    Matcher attempt = sealpost.awaitAttempt(Pattern.compile("to=<bob@dest\\.test> "
        + "relay=mx1\\.dest\\.test\\[" + Pattern.quote(EXIM_ADDRESS) + "]:" + eximPort
        + " tls=verified-pkix requiretls=no status=sent \\(250 OK id=([\\w-]+)\\)"),
        WAIT, exim::logs);
    String eximId = attempt.group(1);

    // Exim took the message over TLS from Sealpost's address, named the cipher, and delivered it
    // to bob's Maildir; "Completed" is the last line for it, so the next test starts clean.
    Matcher received = mainlog.await(Pattern.compile(Pattern.quote(eximId)
        + " <= carol@src\\.test H=\\(mx\\.src\\.test\\) \\[127\\.0\\.0\\.\\d+] "
        + "P=esmtps X=(TLS1\\.[23]:\\S+)"), WAIT);
    assertThat(received.group(1)).matches("TLS1\\.[23]:\\S+_(AES|CHACHA20)\\S*:\\d+");
    mainlog.await(Pattern.compile(Pattern.quote(eximId)
        + " => bob <bob@dest\\.test> R=mailbox T=maildir"), WAIT);
    mainlog.await(Pattern.compile(Pattern.quote(eximId) + " Completed"), WAIT);
    String stored = Maildirs.await(exim.maildir("bob"), token, WAIT, exim::logs);
    assertThat(stored)
        .contains("Subject: interop " + token, "body " + token)
        // Exim 4.96 writes two spaces after "esmtps" here.
        .containsPattern("by mx1\\.dest\\.test with esmtps\\s+\\(TLS1\\.[23]\\) tls \\S+")
        .contains("(Exim 4.96)", "id " + eximId)
        .contains("by mx.src.test (Sealpost)")
        .contains("Envelope-to: bob@dest.test", "Return-path: <carol@src.test>");
  }

  @Test
  void requireTlsMessageBouncesWithHeadersOnlyBecauseEximDoesNotOfferIt_RT26_RT36()
      throws Exception {
    String token = UUID.randomUUID().toString();
    sealpost.submit(List.of("REQUIRETLS"), token);

    String bounce = sealpost.awaitBounce(token, WAIT, exim::logs);
    assertThat(bounce)
        .contains("Status: 5.7.30", "REQUIRETLS", "text/rfc822-headers", "Subject: interop " + token)
        .doesNotContain("body " + token);
    // Sealpost reached Exim over TLS; REQUIRETLS missing after STARTTLS is the reason for the
    // bounce (RFC 8689 §4.2.1).
    sealpost.awaitAttempt(Pattern.compile("to=<bob@dest\\.test> .* status=bounced "
        + "\\(.*mx1\\.dest\\.test\\[" + Pattern.quote(EXIM_ADDRESS) + "]:" + eximPort
        + ": the server does not offer REQUIRETLS after STARTTLS"), WAIT, exim::logs);

    // Exim saw a session that went through STARTTLS and ended without MAIL, and stored nothing.
    Matcher session = mainlog.await(Pattern.compile("no MAIL in SMTP connection from "
        + "\\(mx\\.src\\.test\\) \\[127\\.0\\.0\\.\\d+] [^\\n]*C=([A-Z,]+)"), WAIT);
    assertThat(session.group(1)).isEqualTo("EHLO,STARTTLS,EHLO,QUIT");
    assertThat(mainlog.sinceMark()).doesNotContain(" <= ").doesNotContain(token);
    assertThat(Maildirs.messages(exim.maildir("bob"))).noneMatch(m -> m.contains(token));
  }
}
