package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DnsMode;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.testing.Maildirs;
import org.sealpost.tls.TestPki;

/**
 * REQUIRETLS over DANE between two Sealposts (issue 5 §5): the receiver B presents a self-signed
 * certificate that the sender A's {@code delivery.ca_file} does not trust, so PKIX can never
 * verify it; the signed zone of {@code dest.test} publishes a DNSSEC-validated MX and a DANE-EE
 * {@code 3 1 1} TLSA record for it. A's submission listener takes a REQUIRETLS message and its
 * queue runner delivers it at the default level {@code dane}.
 *
 * <p>What the pair proves: DANE alone counts as certificate verification for REQUIRETLS (RFC 8689
 * §4.2.1 step 4, RT-22; RFC 7672 §3.2.1, no name check for DANE-EE), a DNSSEC MX validates the
 * name (RT-21), the tag goes on (RT-27) and B records it; and a TLSA record that matches nothing
 * stops the message: it is never sent, and comes back to the sender as a 5.7.10 bounce with the
 * header section only (RT-25, RT-26, RT-35, RT-36).
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.Random.class)
class RequireTlsOverDaneIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SENDER_ADDRESS = "127.0.0.150";
  private static final String RECEIVER_ADDRESS = "127.0.0.151";
  private static final String MX = "mx1.dest.test";

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private final Submission message = new Submission("carol@src.test", "bob@dest.test", "dane secret");
  private DnsUniverse universe;
  private LogLines log;

  @BeforeEach
  void start() throws Exception {
    universe = DnsUniverse.start();
    log = LogLines.capture(LogLines.ATTEMPTS, LogLines.DELIVERY, LogLines.SMTPD);
  }

  @AfterEach
  void stop() {
    log.close();
    universe.close();
  }

  /** B: final destination for dest.test, offering REQUIRETLS (its onward routes enforce it, RT-3). */
  private SealpostInstance receiver(TestPki.Issued certificate) throws Exception {
    return SealpostInstance.builder(dir.resolve("b")).pki(pki).certificate(certificate)
        .address(RECEIVER_ADDRESS).hostname(MX).localDomain("dest.test")
        .delivery(DeliveryConfigs.local(RequireTlsMode.ENFORCE)).start();
  }

  /** A: delivers to B's SMTP port at level {@code dane} (the default), trusting only the test CA. */
  private SealpostInstance sender(SealpostInstance b) throws Exception {
    universe.zone("src.test").signed().mx(10, "mx.src.test").a("mx.src.test", SENDER_ADDRESS);
    return SealpostInstance.builder(dir.resolve("a")).pki(pki).address(SENDER_ADDRESS)
        .hostname("mx.src.test").localDomain("src.test")
        .dns(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2)))
        .delivery(DeliveryConfigs.remote(port(b), pki.writeCaPem(dir.resolve("ca.pem")), TlsPolicyLevel.DANE))
        .start();
  }

  private static int port(SealpostInstance b) {
    return b.address(ListenerKind.SMTP).getPort();
  }

  /** Signed zone, MX to B, and a TLSA record at {@code _<port>._tcp.<mx>} (RFC 7672 §2.2.3). */
  private void publish(SealpostInstance b, TestPki.Issued tlsaFor) {
    universe.zone("dest.test").signed().mx(10, MX).a(MX, RECEIVER_ADDRESS)
        .tlsa("_" + port(b) + "._tcp." + MX, 3, 1, 1, tlsaFor.leaf());
  }

  @Test
  void requireTlsReachesASelfSignedReceiverVouchedForByDaneEe_RT21_RT22_RT27() throws Exception {
    TestPki.Issued selfSigned = TestPki.selfSigned(MX);
    try (SealpostInstance b = receiver(selfSigned)) {
      publish(b, selfSigned);
      try (SealpostInstance a = sender(b)) {
        String id = Messages.queueId(message.sendRequireTls(a));

        String stored = Maildirs.awaitFirst(b.maildir("bob"), WAIT, log::toString);
        // A's one line for the attempt: DANE verified the hop and REQUIRETLS went on MAIL.
        log.await(Pattern.compile("^" + id + ": to=<bob@dest.test> relay=mx1\\.dest\\.test\\[127\\.0\\.0\\.151\\]:"
            + port(b) + " tls=dane requiretls=yes status=sent \\(250 "), WAIT);
        // B saw REQUIRETLS on MAIL: its own acceptance line and its Received field say so (RT-16).
        assertThat(log.matching(Pattern.compile("listener=smtp .*from=<carol@src\\.test> .*requiretls=yes")))
            .hasSize(1);
        String receivedByB = firstReceived(stored);
        assertThat(receivedByB).contains("by mx1.dest.test (Sealpost) with ESMTPS").contains("(requiretls)");
        assertThat(stored).contains("Subject: dane secret").contains(Submission.SECRET);
        assertThat(a.queued()).isEmpty();
      }
    }
  }

  @Test
  void requireTlsWithAMismatchingTlsaRecordBouncesWithHeadersOnly_RT25_RT26_RT36() throws Exception {
    TestPki.Issued selfSigned = TestPki.selfSigned(MX);
    try (SealpostInstance b = receiver(selfSigned)) {
      publish(b, TestPki.selfSigned(MX)); // same name, another key: matches nothing B presents
      try (SealpostInstance a = sender(b)) {
        String id = Messages.queueId(message.sendRequireTls(a));

        String bounce = Maildirs.awaitFirst(a.maildir("carol"), WAIT, log::toString);
        assertThat(bounce).contains("Status: 5.7.10").contains("text/rfc822-headers")
            .contains("Subject: dane secret").doesNotContain(Submission.SECRET);
        log.await(Pattern.compile("^" + id + ": to=<bob@dest.test> .*requiretls=no status=bounced "
            + "\\(.*matches none of the host.s usable TLSA records"), WAIT);
        // Never transmitted: B accepted nothing and holds nothing.
        assertThat(log.matching(Pattern.compile("listener=smtp .*from=<carol@src\\.test>"))).isEmpty();
        assertThat(Maildirs.messages(b.maildir("bob"))).isEmpty();
        assertThat(b.queued()).isEmpty();
      }
    }
  }

  /** The topmost Received field (the last hop's), unfolded onto one line. */
  static String firstReceived(String message) {
    List<String> lines = message.lines().toList();
    StringBuilder field = new StringBuilder();
    for (String line : lines) {
      if (field.isEmpty() && line.startsWith("Received:")) {
        field.append(line.strip());
      } else if (!field.isEmpty() && (line.startsWith("\t") || line.startsWith(" "))) {
        field.append(' ').append(line.strip());
      } else if (!field.isEmpty()) {
        break;
      }
    }
    return field.toString();
  }
}
