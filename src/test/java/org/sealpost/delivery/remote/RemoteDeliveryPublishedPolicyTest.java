package org.sealpost.delivery.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DnsMode;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.delivery.TlsLevel;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.delivery.TlsSessionResult.PolicyType;
import org.sealpost.policy.TlsResultType;
import org.sealpost.dns.RecordType;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Domain;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.DestinationPolicy;
import org.sealpost.policy.mtasts.MtaStsLookup;
import org.sealpost.policy.mtasts.MtaStsPolicy;
import org.sealpost.testing.FakeSmtpPeer;
import org.sealpost.tls.TestPki;

/**
 * Delivery under what the destination publishes: DANE TLSA records (RFC 7672, DANE-n) and MTA-STS
 * policies (RFC 8461, STS-n), against scripted peers and the signed DNS universe.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class RemoteDeliveryPublishedPolicyTest {

  private static final String MX1 = "127.0.0.123";
  private static final byte[] BODY = "Subject: t\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private DnsUniverse universe;
  private FakeSmtpPeer mx1;
  private MtaStsLookup mtaSts = MtaStsLookup.none();
  private TlsPolicyLevel level = TlsPolicyLevel.DANE;
  private String listener = "submission";
  private final List<TlsSessionResult> reported = new CopyOnWriteArrayList<>();

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
    universe.close();
  }

  /** The TLSA owner for mx1 on the test port (RFC 7672 §2.2.3: {@code _<port>._tcp.<host>}). */
  private String tlsaOwner() {
    return "_" + mx1.port() + "._tcp.mx1.dest.test";
  }

  private List<RecipientOutcome> send(TlsRequirement tag, String domain) throws IOException {
    Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
    var resolver = ResolverFactory.create(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2)), Clock.systemUTC());
    DestinationPolicy policy = new DestinationPolicy(level, RequireTlsMode.ENFORCE);
    RemoteDelivery delivery = new RemoteDelivery(resolver, mtaSts, OutboundTls.create(ca),
        new RemoteSettings("sender.test", mx1.port(), Duration.ofSeconds(3), Duration.ofSeconds(10), 2,
            d -> policy, Set.of(), Set.of(), null),
        RemoteDelivery.Redaction.none(), reported::add, InstantSource.system());
    Recipient to = Recipient.of(MailAddress.parse("bob@" + domain));
    Envelope e = new Envelope(QueueId.generate(Instant.now()), Instant.now(),
        new ClientInfo("127.0.0.1", 1, "client.test", listener, null, null),
        MailAddress.parse("alice@src.test"), List.of(to), BodyType.SEVEN_BIT, false, 0, null,
        Ret.NOT_GIVEN, tag, VerificationFloor.NONE);
    return delivery.deliver(new OutboundMessage(e, MessageContent.of(BODY)), new Destination.Remote(Domain.of(domain)),
        List.of(to));
  }

  private DeliveryOutcome untagged(String domain) throws IOException {
    return only(send(TlsRequirement.UNSPECIFIED, domain));
  }

  private static DeliveryOutcome only(List<RecipientOutcome> outcomes) {
    assertThat(outcomes).hasSize(1);
    return outcomes.getFirst().outcome();
  }

  private static TestPki.Issued expiredSelfSigned() {
    Instant now = Instant.now();
    return TestPki.selfSigned(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(30)), "not-the-mx.example");
  }

  // --- DANE ---

  @Test
  void daneEeMatchesAnExpiredSelfSignedCertificateWithAnotherName_DANE8() throws Exception {
    TestPki.Issued cert = expiredSelfSigned();
    mx1.certificate(cert);
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, cert.leaf());
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.DANE);
    // DANE-13: SNI is the TLSA base domain.
    assertThat(mx1.takeTranscript().tls().orElseThrow().serverName()).hasValue("mx1.dest.test");
  }

  @Test
  void aDaneMismatchNeverDeliversEvenWithAValidPkixCertificate_DANE12() throws Exception {
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, TestPki.selfSigned("other.test").leaf());
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(o.status().isTransient()).isTrue();
    assertThat(o.reason()).contains("TLSA");
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void secureButUnusableTlsaMeansTlsWithoutAuthentication_DANE6_DANE10() throws Exception {
    mx1.certificate(TestPki.selfSigned("mx1.dest.test"));
    universe.zone("dest.test").tlsa(tlsaOwner(), 1, 1, 1, TestPki.selfSigned("x.test").leaf()); // PKIX-EE: unusable
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.ENCRYPTED);
  }

  @Test
  void anySecureTlsaForbidsCleartext_DANE7_SEC3() throws Exception {
    mx1.ehloBeforeTls("PIPELINING", "8BITMIME");
    universe.zone("dest.test").tlsa(tlsaOwner(), 1, 1, 1, TestPki.selfSigned("x.test").leaf());
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void withoutTlsaTheDefaultLevelFallsBackToCleartext_DANE6() throws Exception {
    mx1.ehloBeforeTls("PIPELINING", "8BITMIME");
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.NONE);
  }

  @Test
  void aFailedTlsaLookupSkipsTheHostAndDefers_DANE2() throws Exception {
    universe.zone("dest.test").servfail(tlsaOwner(), RecordType.TLSA);
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(o.reason()).contains(tlsaOwner());
    assertThat(mx1.connectionCount()).isZero();
  }

  @Test
  void daneOnlyWaitsForAHostWithUsableRecords_DANE14() throws Exception {
    level = TlsPolicyLevel.DANE_ONLY;
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(mx1.connectionCount()).isZero();
    TestPki.Issued cert = TestPki.selfSigned("mx1.dest.test");
    mx1.certificate(cert);
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, cert.leaf());
    assertThat(untagged("dest.test").hop().tls()).isEqualTo(TlsLevel.DANE);
  }

  @Test
  void levelMayDoesNotLookTlsaUp() throws Exception {
    level = TlsPolicyLevel.MAY;
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, TestPki.selfSigned("other.test").leaf());
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.VERIFIED_PKIX);
  }

  @Test
  void requireTlsTravelsOverDaneWithoutAPkixCertificate_RT22() throws Exception {
    level = TlsPolicyLevel.MAY; // REQUIRETLS looks TLSA up at every level
    TestPki.Issued cert = TestPki.selfSigned("mx1.dest.test");
    mx1.certificate(cert);
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, cert.leaf());
    DeliveryOutcome o = only(send(TlsRequirement.REQUIRE_TLS, "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.DANE);
    assertThat(mx1.takeTransaction().requireTls()).isTrue();
  }

  @Test
  void requireTlsBouncesOnADaneMismatch_RT22_DANE12() throws Exception {
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, TestPki.selfSigned("other.test").leaf());
    DeliveryOutcome o = only(send(TlsRequirement.REQUIRE_TLS, "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(o.status()).hasToString("5.7.10");
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void tlsRequiredNoIgnoresADaneMismatch_RT12() throws Exception {
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, TestPki.selfSigned("other.test").leaf());
    DeliveryOutcome o = only(send(TlsRequirement.TLS_OPTIONAL, "dest.test"));
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
  }

  // --- MTA-STS ---

  private void stsPolicy(MtaStsMode mode, String... mx) {
    MtaStsPolicy policy = new MtaStsPolicy(mode, List.of(mx));
    mtaSts = d -> d.name().equals("plain.test") ? Optional.of(policy) : Optional.empty();
  }

  @Test
  void enforceSkipsAnMxOutsideThePatterns_STS9_STS11() throws Exception {
    stsPolicy(MtaStsMode.ENFORCE, "mx9.plain.test");
    DeliveryOutcome o = untagged("plain.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(o.status()).hasToString("4.7.5"); // STS-10: temporary
    assertThat(mx1.connectionCount()).isZero();
  }

  @Test
  void enforceNeedsAVerifiedCertificateForTheMx_STS8() throws Exception {
    stsPolicy(MtaStsMode.ENFORCE, "*.plain.test");
    mx1.certificate(TestPki.selfSigned("mx1.plain.test"));
    assertThat(untagged("plain.test")).isInstanceOf(DeliveryOutcome.Deferred.class);
    mx1.certificate(pki.server("mx1.plain.test"));
    DeliveryOutcome o = untagged("plain.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.VERIFIED_PKIX);
  }

  @Test
  void enforceWantsTheMxNameInADnsIdNotOnlyTheCn_STS8() throws Exception {
    stsPolicy(MtaStsMode.ENFORCE, "*.plain.test");
    mx1.certificate(pki.commonNameOnly("mx1.plain.test"));
    assertThat(untagged("plain.test")).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(mx1.transactionCount()).isZero();
    level = TlsPolicyLevel.VERIFY; // without MTA-STS, RFC 6125's CN fallback still applies
    mtaSts = MtaStsLookup.none();
    assertThat(untagged("plain.test")).isInstanceOf(DeliveryOutcome.Delivered.class);
  }

  @Test
  void enforceNeverFallsBackToCleartext_STS9_SEC3() throws Exception {
    stsPolicy(MtaStsMode.ENFORCE, "mx1.plain.test");
    mx1.ehloBeforeTls("PIPELINING", "8BITMIME");
    assertThat(untagged("plain.test")).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(mx1.transactionCount()).isZero();
  }

  @Test
  void testingModeDeliversAnyway_STS9() throws Exception {
    stsPolicy(MtaStsMode.TESTING, "mx9.plain.test");
    mx1.certificate(TestPki.selfSigned("mx1.plain.test"));
    assertThat(untagged("plain.test")).isInstanceOf(DeliveryOutcome.Delivered.class);
  }

  @Test
  void tlsRequiredNoIgnoresMtaSts_RT12() throws Exception {
    stsPolicy(MtaStsMode.ENFORCE, "mx9.plain.test");
    assertThat(only(send(TlsRequirement.TLS_OPTIONAL, "plain.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
  }

  @Test
  void daneWinsOverMtaSts_STS12() throws Exception {
    // dest.test has a secure MX with usable TLSA and an MTA-STS policy that lists another host.
    TestPki.Issued cert = TestPki.selfSigned("mx1.dest.test");
    mx1.certificate(cert);
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, cert.leaf());
    MtaStsPolicy policy = new MtaStsPolicy(MtaStsMode.ENFORCE, List.of("mx9.dest.test"));
    mtaSts = d -> Optional.of(policy);
    DeliveryOutcome o = untagged("dest.test");
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.DANE);
  }

  // --- TLS reporting (RFC 8460): what each new session is recorded as ---

  private TlsSessionResult onlyReport() {
    assertThat(reported).hasSize(1);
    return reported.getFirst();
  }

  @Test
  void aDaneSessionIsReportedUnderItsTlsaRecords_RPT2_RPT4() throws Exception {
    TestPki.Issued cert = TestPki.selfSigned("mx1.dest.test");
    mx1.certificate(cert);
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, cert.leaf());
    untagged("dest.test");
    TlsSessionResult r = onlyReport();
    assertThat(r.successful()).isTrue();
    assertThat(r.policyDomain()).isEqualTo(Domain.of("dest.test"));
    assertThat(r.policyType()).isEqualTo(PolicyType.TLSA);
    assertThat(r.policyStrings()).singleElement().asString().startsWith("3 1 1 ");
    assertThat(r.receivingIp()).isEqualTo(MX1);
    assertThat(r.receivingMxHostname()).isEqualTo("mx1.dest.test");
    assertThat(r.sendingMtaIp()).startsWith("127.");
  }

  @Test
  void aDaneMismatchIsReportedAsTlsaInvalid_RPT3() throws Exception {
    universe.zone("dest.test").tlsa(tlsaOwner(), 3, 1, 1, TestPki.selfSigned("other.test").leaf());
    untagged("dest.test");
    assertThat(onlyReport().failure()).isEqualTo(TlsResultType.TLSA_INVALID);
  }

  @Test
  void testingModeDeliversAndReportsTheCertificateFailure_STS9_STS13() throws Exception {
    stsPolicy(MtaStsMode.TESTING, "*.plain.test");
    mx1.certificate(TestPki.selfSigned("mx1.plain.test"));
    assertThat(untagged("plain.test")).isInstanceOf(DeliveryOutcome.Delivered.class);
    TlsSessionResult r = onlyReport();
    assertThat(r.policyType()).isEqualTo(PolicyType.STS);
    assertThat(r.policyStrings()).contains("mode: testing", "mx: *.plain.test");
    assertThat(r.failure()).isEqualTo(TlsResultType.CERTIFICATE_NOT_TRUSTED);
  }

  @Test
  void anEnforcedMxMismatchIsReportedWithoutConnecting_STS13() throws Exception {
    stsPolicy(MtaStsMode.ENFORCE, "mx9.plain.test");
    untagged("plain.test");
    assertThat(onlyReport().failure()).isEqualTo(TlsResultType.VALIDATION_FAILURE);
    assertThat(onlyReport().sendingMtaIp()).as("the address the session would have come from").startsWith("127.");
    assertThat(mx1.connectionCount()).isZero();
  }

  @Test
  void anUnfetchablePolicyDeliversAsWithoutOneAndIsReported_STS5_STS13() throws Exception {
    mtaSts = new MtaStsLookup() {
      @Override
      public Optional<MtaStsPolicy> policy(Domain domain) {
        return Optional.empty();
      }

      @Override
      public Optional<TlsResultType> fetchFailure(Domain domain) {
        return Optional.of(TlsResultType.STS_WEBPKI_INVALID);
      }
    };
    assertThat(untagged("plain.test")).isInstanceOf(DeliveryOutcome.Delivered.class);
    TlsSessionResult r = onlyReport();
    assertThat(r.policyType()).isEqualTo(PolicyType.STS);
    assertThat(r.failure()).isEqualTo(TlsResultType.STS_WEBPKI_INVALID);
  }

  @Test
  void aHostWithoutStartTlsIsReported_RPT3() throws Exception {
    mx1.ehloBeforeTls("PIPELINING", "8BITMIME");
    untagged("dest.test");
    TlsSessionResult r = onlyReport();
    assertThat(r.policyType()).isEqualTo(PolicyType.NO_POLICY_FOUND);
    assertThat(r.failure()).isEqualTo(TlsResultType.STARTTLS_NOT_SUPPORTED);
  }

  @Test
  void aTlsReportIsNeverItselfReported_RPT7() throws Exception {
    listener = TlsSessionListener.REPORT_LISTENER;
    mx1.ehloBeforeTls("PIPELINING", "8BITMIME");
    assertThat(only(send(TlsRequirement.TLS_OPTIONAL, "dest.test"))).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(reported).isEmpty();
  }
}
