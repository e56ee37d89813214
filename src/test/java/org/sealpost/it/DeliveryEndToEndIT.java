package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DeliveryConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.testing.Maildirs;
import org.sealpost.tls.TestPki;

/**
 * Two Sealposts over loopback with a DNSSEC-signed universe: the sender's submission listener takes
 * a REQUIRETLS message, the queue runner delivers it to the receiver (MX found through DNSSEC, TLS
 * verified, REQUIRETLS offered and sent), and the receiver stores it in a Maildir. When the receiver
 * does not offer REQUIRETLS, the message comes back to the sender's Maildir as a 5.7.30 bounce that
 * carries only the header section (RT-20..RT-27, RT-35, RT-36).
 */
class DeliveryEndToEndIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private DnsUniverse universe;

  @BeforeEach
  void dns() throws Exception {
    universe = DnsUniverse.start();
  }

  @AfterEach
  void stop() {
    universe.close();
  }

  private SealpostInstance receiver(RequireTlsMode onward) throws Exception {
    SealpostInstance b = SealpostInstance.builder(dir.resolve("b")).pki(pki).address("127.0.0.131")
        .hostname("mx1.dest.test").localDomain("dest.test")
        .delivery(DeliveryConfigs.local(onward)).start();
    universe.zone("dest.test").signed().mx(10, "mx1.dest.test").a("mx1.dest.test", "127.0.0.131");
    return b;
  }

  private SealpostInstance sender(int remotePort) throws Exception {
    universe.zone("src.test").signed().mx(10, "mx.src.test").a("mx.src.test", "127.0.0.130");
    DeliveryConfig d = DeliveryConfigs.remote(remotePort, pki.writeCaPem(dir.resolve("ca.pem")));
    return SealpostInstance.builder(dir.resolve("a")).pki(pki).address("127.0.0.130")
        .hostname("mx.src.test").localDomain("src.test")
        .dns(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2))).delivery(d).start();
  }

  private static void submitRequireTls(SealpostInstance a) throws Exception {
    try (SmtpClient c = a.connectStartTls(ListenerKind.SUBMISSION)) {
      assertThat(c.authPlain(SealpostInstance.USER, SealpostInstance.PASSWORD).code()).isEqualTo(235);
      assertThat(c.mail("carol@src.test", List.of("REQUIRETLS")).code()).isEqualTo(250);
      assertThat(c.rcpt("bob@dest.test", List.of()).code()).isEqualTo(250);
      assertThat(c.data(("From: carol@src.test\r\nTo: bob@dest.test\r\nSubject: secret\r\n\r\n"
          + "the body must not leak\r\n").getBytes(StandardCharsets.US_ASCII)).code()).isEqualTo(250);
    }
  }

  private static String awaitMaildir(Path maildir) throws Exception {
    return Maildirs.awaitFirst(maildir, WAIT, () -> "");
  }

  @Test
  void requireTlsMessageTravelsOnlyOverVerifiedTlsAndArrives_RT20_RT27() throws Exception {
    try (SealpostInstance b = receiver(RequireTlsMode.ENFORCE);
        SealpostInstance a = sender(b.address(ListenerKind.SMTP).getPort())) {
      submitRequireTls(a);
      String stored = awaitMaildir(b.maildir("bob"));
      // Both hops recorded the tag: the sender's Received and the receiver's (RT-27: it was sent on).
      assertThat(stored.split("\\(requiretls\\)", -1)).hasSize(3);
      assertThat(stored).startsWith("Return-Path: <carol@src.test>\r\nDelivered-To: bob@dest.test\r\n");
      assertThat(stored).contains("by mx1.dest.test (Sealpost) with ESMTPS").contains("the body must not leak");
    }
  }

  @Test
  void requireTlsIsCarriedOnEveryHopThroughARelay_RT27() throws Exception {
    try (SealpostInstance b = receiver(RequireTlsMode.ENFORCE)) {
      universe.zone("relay.test").signed().a("mx.relay.test", "127.0.0.132");
      DeliveryConfig onward = DeliveryConfigs.remote(b.address(ListenerKind.SMTP).getPort(),
          pki.writeCaPem(dir.resolve("ca.pem")));
      try (SealpostInstance relay = SealpostInstance.builder(dir.resolve("r")).pki(pki).address("127.0.0.132")
              .hostname("mx.relay.test").localDomain("relay.test")
              .trustedNetworks(List.of(org.sealpost.config.NetworkRange.parse("127.0.0.0/8")))
              .dns(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2))).delivery(onward).start();
          SealpostInstance a = SealpostInstance.builder(dir.resolve("a")).pki(pki).address("127.0.0.130")
              .hostname("mx.src.test").localDomain("src.test")
              .dns(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2)))
              .delivery(DeliveryConfigs.viaSmartHost(
                  "mx.relay.test:" + relay.address(ListenerKind.SMTP).getPort(), dir.resolve("ca.pem")))
              .start()) {
        submitRequireTls(a);
        String stored = awaitMaildir(b.maildir("bob"));
        // Three hops, three Received fields noting the tag: REQUIRETLS was sent on every hop.
        // (The relay trusts all of loopback: outbound connections come from 127.0.0.1.)
        assertThat(stored.split("\\(requiretls\\)", -1)).hasSize(4);
        assertThat(stored).contains("by mx.relay.test (Sealpost)").contains("by mx1.dest.test (Sealpost)");
      }
    }
  }

  @Test
  void hopWithoutRequireTlsBouncesToTheSenderWithHeadersOnly_RT26_RT36() throws Exception {
    try (SealpostInstance b = receiver(RequireTlsMode.OPPORTUNISTIC); // so it does not offer REQUIRETLS
        SealpostInstance a = sender(b.address(ListenerKind.SMTP).getPort())) {
      submitRequireTls(a);
      String bounce = awaitMaildir(a.maildir("carol"));
      assertThat(bounce).contains("Status: 5.7.30").contains("REQUIRETLS").contains("Subject: secret");
      assertThat(bounce).doesNotContain("the body must not leak");
      assertThat(bounce).contains("text/rfc822-headers");
      assertThat(b.queued()).isEmpty();
    }
  }
}
