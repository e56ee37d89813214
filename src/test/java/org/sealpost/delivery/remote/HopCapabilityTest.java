package org.sealpost.delivery.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DnsMode;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Domain;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.DestinationPolicy;
import org.sealpost.policy.mtasts.MtaStsLookup;
import org.sealpost.testing.FakeSmtpPeer;
import org.sealpost.testing.Transaction;
import org.sealpost.tls.TestPki;

/**
 * What a hop's capabilities do to one transaction: whether DSN parameters went on (DSN-3, DSN-4,
 * recorded on the Hop) and 8-bit content to a hop without 8BITMIME (EXT-2).
 */
@TestMethodOrder(MethodOrderer.Random.class)
class HopCapabilityTest {

  private static final String MX = "127.0.0.131";
  private static final String UMLAUT_TEXT = "MIME-Version: 1.0\r\nSubject: hi\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n";

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private DnsUniverse universe;
  private FakeSmtpPeer mx;

  @BeforeEach
  void start() throws IOException {
    universe = DnsUniverse.start();
    mx = FakeSmtpPeer.start(MX).certificate(pki.server("mx1.dest.test"));
    universe.zone("dest.test").signed().mx(10, "mx1.dest.test").a("mx1.dest.test", MX);
  }

  @AfterEach
  void stop() throws IOException {
    mx.close();
    universe.close();
  }

  private DeliveryOutcome send(BodyType body, String content) throws IOException {
    Recipient bob = new Recipient(MailAddress.parse("bob@dest.test"), Set.of(Notify.SUCCESS), null);
    Envelope e = new Envelope(QueueId.generate(Instant.now()), Instant.now(),
        new ClientInfo("127.0.0.1", 1, "client.test", "submission", null, "alice"),
        MailAddress.parse("alice@src.test"), List.of(bob), body, false, 0, "env-1", Ret.HDRS,
        TlsRequirement.UNSPECIFIED, VerificationFloor.NONE);
    var resolver = ResolverFactory.create(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2)), Clock.systemUTC());
    RemoteDelivery delivery = new RemoteDelivery(resolver, MtaStsLookup.none(),
        OutboundTls.create(pki.writeCaPem(dir.resolve("ca.pem"))),
        new RemoteSettings("sender.test", mx.port(), Duration.ofSeconds(3), Duration.ofSeconds(10), 2,
            d -> DestinationPolicy.defaults(), Set.of(Domain.of("mx.src.test")), Set.of(), null),
        m -> m);
    OutboundMessage m = new OutboundMessage(e, MessageContent.of(content.getBytes(StandardCharsets.UTF_8)));
    var outcomes = delivery.deliver(m, new Destination.Remote(Domain.of("dest.test")), List.of(bob));
    assertThat(outcomes).hasSize(1);
    return outcomes.getFirst().outcome();
  }

  @Test
  void aHopOfferingDsnIsRecordedAsOwningTheSuccessReport_DSN3() throws Exception {
    DeliveryOutcome o = send(BodyType.SEVEN_BIT, "Subject: hi\r\n\r\nhello\r\n");
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().dsnPassedOn()).isTrue();
    assertThat(mx.takeTransaction().recipients().getFirst().parameters().has("NOTIFY")).isTrue();
  }

  @Test
  void aHopWithoutDsnLeavesTheSuccessReportToUs_DSN4() throws Exception {
    mx.ehloAfterTls("PIPELINING", "8BITMIME");
    DeliveryOutcome o = send(BodyType.SEVEN_BIT, "Subject: hi\r\n\r\nhello\r\n");
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().dsnPassedOn()).isFalse();
    assertThat(mx.takeTransaction().recipients().getFirst().parameters().has("NOTIFY")).isFalse();
  }

  @Test
  void eightBitGoesConvertedWithoutBodyParameterToAHopWithout8BitMime_EXT2() throws Exception {
    mx.ehloAfterTls("PIPELINING", "DSN");
    DeliveryOutcome o = send(BodyType.EIGHT_BIT_MIME, UMLAUT_TEXT);
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    Transaction t = mx.takeTransaction();
    assertThat(t.mailParameters().has("BODY")).isFalse();
    assertThat(t.contentText()).contains("Content-Transfer-Encoding: quoted-printable\r\n")
        .contains("Gr=C3=BC=C3=9Fe\r\n");
    for (byte octet : t.content()) {
      assertThat(octet).isNotNegative();
    }
  }

  @Test
  void eightBitStillGoesRawWithBodyParameterToAHopWith8BitMime() throws Exception {
    DeliveryOutcome o = send(BodyType.EIGHT_BIT_MIME, UMLAUT_TEXT);
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    Transaction t = mx.takeTransaction();
    assertThat(t.mailParameters().get("BODY").orElseThrow().value()).isEqualTo("8BITMIME");
    assertThat(t.contentText()).contains("Grüße");
  }

  @Test
  void signedEightBitBouncesRatherThanBreakTheSignature_EXT2() throws Exception {
    mx.ehloAfterTls("PIPELINING", "DSN");
    DeliveryOutcome o = send(BodyType.EIGHT_BIT_MIME, "DKIM-Signature: v=1; d=src.test\r\n" + UMLAUT_TEXT);
    assertThat(o).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(o.status()).hasToString("5.6.3");
    assertThat(o.reason()).contains("does not offer 8BITMIME").contains("DKIM");
    assertThat(mx.transactionCount()).isZero();
  }
}
