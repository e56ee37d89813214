package org.sealpost.delivery.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DnsMode;
import org.sealpost.config.MtaStsMode;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.delivery.TlsLevel;
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
import org.sealpost.policy.mtasts.MtaStsPolicy;
import org.sealpost.testing.FakeSmtpPeer;
import org.sealpost.testing.Rule;
import org.sealpost.testing.StartTlsBehaviour;
import org.sealpost.testing.Transaction;
import org.sealpost.tls.TestPki;

/**
 * Remote delivery against scripted peers and a DNSSEC universe: spec §1.12's decision table end to
 * end (RT-20..RT-30, RT-38), plus the transaction rules (DSN-3, EXT-2, EXT-3, SEC-2, SEC-6).
 */
@TestMethodOrder(MethodOrderer.Random.class)
class RemoteDeliveryTest {

  private static final String MX1 = "127.0.0.121";
  private static final String MX2 = "127.0.0.122";
  private static final byte[] BODY =
      "Subject: test\r\n\r\nHello.\r\n.leading dot\nbare LF line\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private DnsUniverse universe;
  private FakeSmtpPeer mx1;
  private @Nullable FakeSmtpPeer mx2;
  private MtaStsLookup mtaSts = MtaStsLookup.none();
  private Set<Domain> ownNames = Set.of(Domain.of("mx.src.test"));
  private RemoteSettings.@Nullable SmartHostLogin login;

  @BeforeEach
  void start() throws IOException {
    universe = DnsUniverse.start();
    mx1 = FakeSmtpPeer.start(MX1).certificate(pki.server("mx1.dest.test"));
    universe.zone("dest.test").signed().mx(10, "mx1.dest.test").a("mx1.dest.test", MX1);
    universe.zone("plain.test").mx(10, "mx1.plain.test").a("mx1.plain.test", MX1);
  }

  @AfterEach
  void stop() throws IOException {
    mx1.close();
    if (mx2 != null) {
      mx2.close();
    }
    universe.close();
  }

  private RemoteDelivery delivery() throws IOException {
    Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
    var resolver = ResolverFactory.create(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2)), Clock.systemUTC());
    return new RemoteDelivery(resolver, mtaSts, OutboundTls.create(ca),
        new RemoteSettings("sender.test", mx1.port(), Duration.ofSeconds(3), Duration.ofSeconds(10), 2,
            d -> DestinationPolicy.defaults(), ownNames, Set.of(), login),
        m -> new OutboundMessage(m.envelope(), MessageContent.of("Subject: redacted\r\n\r\nredacted\r\n".getBytes(StandardCharsets.US_ASCII))));
  }

  private static OutboundMessage message(TlsRequirement tag, @Nullable String sender, String listener, String... to) {
    List<Recipient> rcpts = java.util.Arrays.stream(to).map(a -> Recipient.of(MailAddress.parse(a))).toList();
    Envelope e = new Envelope(QueueId.generate(Instant.now()), Instant.now(),
        new ClientInfo("127.0.0.1", 1, "client.test", listener, null, null),
        sender == null ? null : MailAddress.parse(sender), rcpts, BodyType.SEVEN_BIT, false, 0, null,
        Ret.NOT_GIVEN, tag, VerificationFloor.NONE);
    return new OutboundMessage(e, MessageContent.of(BODY));
  }

  private List<RecipientOutcome> send(OutboundMessage m, String domain) throws IOException {
    return delivery().deliver(m, new Destination.Remote(Domain.of(domain)), m.envelope().recipients());
  }

  private static DeliveryOutcome only(List<RecipientOutcome> outcomes) {
    assertThat(outcomes).hasSize(1);
    return outcomes.getFirst().outcome();
  }

  private static OutboundMessage requireTls() {
    return message(TlsRequirement.REQUIRE_TLS, "alice@src.test", "submission", "bob@dest.test");
  }

  @Test
  void compliantHopGetsTheMessageWithRequireTls_RT20_RT27() throws Exception {
    DeliveryOutcome o = only(send(requireTls(), "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.VERIFIED_PKIX);
    assertThat(o.hop().requireTls()).isTrue();
    Transaction t = mx1.takeTransaction();
    assertThat(t.requireTls()).isTrue();
    assertThat(t.overTls()).isTrue();
    assertThat(mx1.takeTranscript().tls()).isPresent();
  }

  @Test
  void hopWithoutRequireTlsIsNeverGivenTheMessage_RT23_RT26() throws Exception {
    mx1.ehloAfterTls("PIPELINING", "8BITMIME");
    DeliveryOutcome o = only(send(requireTls(), "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(o.status()).hasToString("5.7.30");
    assertThat(o.reason()).contains("REQUIRETLS");
    // The log and the DSN's Remote-MTA name the host reached, and the verified TLS it had.
    assertThat(o.hop().host()).isEqualTo("mx1.dest.test");
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.VERIFIED_PKIX);
    assertThat(o.hop().requireTls()).isFalse();
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void insecureMxWithoutMtaStsIsRefused_RT21() throws Exception {
    DeliveryOutcome o = only(send(message(TlsRequirement.REQUIRE_TLS, "a@src.test", "smtp", "bob@plain.test"), "plain.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(o.status()).hasToString("5.7.10");
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void insecureMxMatchingMtaStsIsValidated_RT21_STS14() throws Exception {
    mx1.certificate(pki.server("mx1.plain.test"));
    mtaSts = d -> d.name().equals("plain.test")
        ? Optional.of(new MtaStsPolicy(MtaStsMode.ENFORCE, List.of("*.plain.test")))
        : Optional.empty();
    DeliveryOutcome o = only(send(message(TlsRequirement.REQUIRE_TLS, "a@src.test", "smtp", "bob@plain.test"), "plain.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(mx1.takeTransaction().requireTls()).isTrue();
  }

  @Test
  void untrustedOrMisnamedCertificatesFailRequireTls_RT22() throws Exception {
    mx1.certificate(TestPki.selfSigned("mx1.dest.test"));
    assertThat(only(send(requireTls(), "dest.test")).status()).hasToString("5.7.10");
    mx1.certificate(pki.server("other.dest.test"));
    assertThat(only(send(requireTls(), "dest.test")).status()).hasToString("5.7.10");
    mx1.certificate(pki.expired("mx1.dest.test"));
    assertThat(only(send(requireTls(), "dest.test")).status()).hasToString("5.7.10");
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void untaggedMailUsesUnverifiedTlsOpportunistically() throws Exception {
    mx1.certificate(TestPki.selfSigned("mx1.dest.test"));
    DeliveryOutcome o = only(send(message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "bob@dest.test"), "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.ENCRYPTED);
    assertThat(mx1.takeTransaction().requireTls()).isFalse();
  }

  @Test
  void strippedStartTlsNeverDowngradesRequireTls_RT25_SEC3() throws Exception {
    mx1.startTls(StartTlsBehaviour.REFUSE_454);
    assertThat(only(send(requireTls(), "dest.test")).status()).hasToString("5.7.10");
    mx1.startTls(StartTlsBehaviour.CLOSE_AFTER_READY);
    assertThat(only(send(requireTls(), "dest.test")).status()).hasToString("5.7.10");
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void bytesInjectedAfter220AbortTheTlsAttempt_SEC2() throws Exception {
    mx1.startTls(StartTlsBehaviour.INJECT_AFTER_READY);
    assertThat(only(send(requireTls(), "dest.test")).status()).hasToString("5.7.10");
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void tlsOptionalMailGoesThroughWithoutVerifiedTls_RT12_RT28_RT30() throws Exception {
    mx1.startTls(StartTlsBehaviour.REFUSE_454);
    OutboundMessage m = message(TlsRequirement.TLS_OPTIONAL, "a@src.test", "smtp", "bob@dest.test");
    DeliveryOutcome o = only(send(m, "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.NONE);
    assertThat(mx1.takeTransaction().requireTls()).isFalse();
  }

  @Test
  void nextMxIsTriedWhenTheFirstLacksRequireTls_RT25() throws Exception {
    mx1.ehloAfterTls("PIPELINING");
    mx2 = FakeSmtpPeer.start(MX2, mx1.port()).certificate(pki.server("mx2.dest.test"));
    universe.zone("dest.test").mx(20, "mx2.dest.test").a("mx2.dest.test", MX2);
    DeliveryOutcome o = only(send(requireTls(), "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().host()).isEqualTo("mx2.dest.test");
    assertThat(mx2.takeTransaction().requireTls()).isTrue();
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void relayedNullSenderBounceIsForwardedWithoutTheParameter_RT38b() throws Exception {
    mx1.ehloAfterTls("PIPELINING");
    OutboundMessage bounce = message(TlsRequirement.REQUIRE_TLS, null, "smtp", "bob@dest.test");
    assertThat(only(send(bounce, "dest.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(mx1.takeTransaction().requireTls()).isFalse();
  }

  @Test
  void ourOwnRequireTlsBounceGoesRedactedWithoutTheParameter_RT38a() throws Exception {
    mx1.ehloAfterTls("PIPELINING");
    OutboundMessage dsn = message(TlsRequirement.REQUIRE_TLS, null, RemoteDelivery.GENERATED_LISTENER, "bob@dest.test");
    assertThat(only(send(dsn, "dest.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
    Transaction t = mx1.takeTransaction();
    assertThat(t.requireTls()).isFalse();
    assertThat(t.contentText()).contains("redacted").doesNotContain("Hello.");
  }

  @Test
  void aSenderWithARequireTlsMessageIsNeverDowngraded_RT26() throws Exception {
    mx1.ehloAfterTls("PIPELINING");
    assertThat(only(send(requireTls(), "dest.test"))).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void aRelayDropsItselfAndEveryLessPreferredMx_SMTP13() throws Exception {
    mx2 = FakeSmtpPeer.start(MX2, mx1.port()).certificate(pki.server("mx2.dest.test"));
    universe.zone("dest.test").mx(20, "mx2.dest.test").a("mx2.dest.test", MX2);
    ownNames = Set.of(Domain.of("mx1.dest.test")); // we are the best MX: nothing is left
    DeliveryOutcome loop = only(send(message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "bob@dest.test"), "dest.test"));
    assertThat(loop).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(loop.status()).hasToString("5.4.6");
    ownNames = Set.of(Domain.of("mx2.dest.test")); // we are the backup MX: only mx1 is tried
    mx1.close();
    DeliveryOutcome backup = only(send(message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "bob@dest.test"), "dest.test"));
    assertThat(backup).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(mx2.connectionCount()).isZero();
  }

  @Test
  void smartHostGetsAuthOnlyInsideTls_EXT5() throws Exception {
    login = new RemoteSettings.SmartHostLogin("relay-user", "s3cret");
    mx1.ehloAfterTls("PIPELINING", "AUTH PLAIN LOGIN", "REQUIRETLS");
    OutboundMessage m = message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "bob@dest.test");
    Destination relay = new Destination.SmartHost("mx1.dest.test", mx1.port());
    DeliveryOutcome o = only(delivery().deliver(m, relay, m.envelope().recipients()));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(mx1.takeTranscript().lines()).anyMatch(l -> l.startsWith("AUTH PLAIN "));

    mx1.startTls(StartTlsBehaviour.REFUSE_454); // no TLS: the credentials must stay home
    DeliveryOutcome noTls = only(delivery().deliver(m, relay, m.envelope().recipients()));
    assertThat(noTls).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(noTls.reason()).contains("never sent in clear");
    assertThat(mx1.takeTranscript().lines()).noneMatch(l -> l.startsWith("AUTH"));
  }

  @Test
  void smartHostGivenAsAnAddressLiteralUsesTlsWithoutSni() throws Exception {
    OutboundMessage m = message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "bob@dest.test");
    Destination relay = new Destination.SmartHost("[" + MX1 + "]", mx1.port());
    DeliveryOutcome o = only(delivery().deliver(m, relay, m.envelope().recipients()));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.ENCRYPTED); // the certificate names mx1.dest.test
    assertThat(mx1.takeTransaction().overTls()).isTrue();
  }

  @Test
  void unreachableHostDefers() throws Exception {
    mx1.close();
    DeliveryOutcome o = only(send(requireTls(), "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(o.status().isTransient()).isTrue();
  }

  @Test
  void dnsFailuresDeferAndNullMxFails_DANE2() throws Exception {
    universe.zone("bogus.test").signed().mx(10, "mx1.bogus.test").badSignatures();
    universe.zone("nomail.test").signed().nullMx();
    DeliveryOutcome bogus = only(send(message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "x@bogus.test"), "bogus.test"));
    assertThat(bogus).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(bogus.status()).hasToString("4.4.3");
    DeliveryOutcome nullMx = only(send(message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "x@nomail.test"), "nomail.test"));
    assertThat(nullMx).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(nullMx.status()).hasToString("5.1.10");
  }

  @Test
  void recipientsAreJudgedOneByOne() throws Exception {
    mx1.enqueue(Rule.rcpt("gone@dest.test").reply(550, "5.1.1", "No such user"));
    OutboundMessage m = message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "bob@dest.test", "gone@dest.test");
    List<RecipientOutcome> out = send(m, "dest.test");
    assertThat(out.get(0).outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(out.get(1).outcome()).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(out.get(1).outcome().status()).hasToString("5.1.1");
    assertThat(out.get(1).outcome().remoteReply()).contains("No such user");
    assertThat(mx1.takeTransaction().acceptedRecipients()).containsExactly("bob@dest.test");
  }

  @Test
  void outputIsCrLfOnlyAndDotStuffed_SEC6() throws Exception {
    only(send(message(TlsRequirement.UNSPECIFIED, "a@src.test", "smtp", "bob@dest.test"), "dest.test"));
    Transaction t = mx1.takeTransaction();
    assertThat(t.violations()).isEmpty();
    assertThat(mx1.violations()).isEmpty();
    assertThat(t.contentText()).contains("\r\n.leading dot\r\nbare LF line\r\n");
  }

  @Test
  void dsnParametersArePassedOn_DSN3() throws Exception {
    Recipient bob = new Recipient(MailAddress.parse("bob@dest.test"), Set.of(Notify.SUCCESS), null);
    Envelope base = requireTls().envelope();
    Envelope e = new Envelope(base.queueId(), base.arrival(), base.client(), base.reversePath(), List.of(bob),
        BodyType.SEVEN_BIT, false, 0, "env-1", Ret.HDRS, TlsRequirement.UNSPECIFIED, VerificationFloor.NONE);
    OutboundMessage m = new OutboundMessage(e, requireTls().content());
    only(delivery().deliver(m, new Destination.Remote(Domain.of("dest.test")), List.of(bob)));
    Transaction t = mx1.takeTransaction();
    assertThat(t.mailParameters().get("RET").orElseThrow().value()).isEqualTo("HDRS");
    assertThat(t.mailParameters().get("ENVID").orElseThrow().value()).isEqualTo("env-1");
    assertThat(t.recipients().getFirst().parameters().get("NOTIFY").orElseThrow().value()).isEqualTo("SUCCESS");
  }
}
