package org.sealpost.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sealpost.admin.StsDnsRecords;
import org.sealpost.admin.StsPolicyDocument;
import org.sealpost.admin.StsPolicyServer;
import org.sealpost.config.DnsMode;
import org.sealpost.config.MtaStsConfig;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.MtaStsPolicyConfig;
import org.sealpost.config.TlsConfig;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Domain;
import org.sealpost.policy.mtasts.FetchOutcome.FailureType;
import org.sealpost.tls.ServerTls;
import org.sealpost.tls.TestPki;

/**
 * Our publisher against our fetcher: the policy {@code admin.StsPolicyServer} serves (the HTTPS
 * listener of {@code [mta_sts_policy]}) fetched by {@link PolicyFetcher} and {@link MtaStsResolver},
 * over real HTTPS on 127.0.0.155 and the DNS universe, with the {@code _mta-sts} record exactly as
 * {@code sealpost sts record} prints it ({@link StsDnsRecords}). What one side writes, the other
 * must read as the same policy (STS-1..STS-4).
 */
@Timeout(30)
@TestMethodOrder(MethodOrderer.Random.class)
class PublishedPolicyFetchTest {

  private static final String HOST_IP = "127.0.0.155";
  private static final Domain DEST = Domain.of("dest.test");
  private static final TlsConfig TLS =
      new TlsConfig(null, null, "TLSv1.2", Duration.ofSeconds(5), Duration.ZERO, false);

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private final ManualClock clock = ManualClock.startingNow();
  private DnsUniverse universe;
  private Resolver dns;
  private ServerTls tls;
  private StsPolicyServer server;

  @BeforeEach
  void start() throws IOException {
    universe = DnsUniverse.start();
    dns = ResolverFactory.create(universe.config(DnsMode.OFF, Duration.ofSeconds(2)), clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (tls != null) {
      tls.close();
    }
    universe.close();
  }

  /** Starts the publisher for dest.test with a certificate naming {@code certificateNames}. */
  private StsPolicyDocument publish(StsPolicyDocument document, String... certificateNames) throws IOException {
    tls = ServerTls.of(pki.server(certificateNames).material(), TLS);
    server = StsPolicyServer.start(new InetSocketAddress(InetAddress.ofLiteral(HOST_IP), 0), tls, document,
        List.of(DEST));
    return document;
  }

  /** Puts the TXT record {@code sealpost sts record} prints, and the policy host's address, in DNS. */
  private void publishRecords(Domain domain, StsPolicyDocument document) {
    String zoneLine = new StsDnsRecords(domain, document, List.of()).mtaStsRecord();
    // _mta-sts.dest.test. IN TXT "v=STSv1; id=..." -> the one character-string between the quotes
    String txt = zoneLine.substring(zoneLine.indexOf('"') + 1, zoneLine.lastIndexOf('"'));
    universe.zone(domain.name()).txt("_mta-sts." + domain.name(), txt).a("mta-sts." + domain.name(), HOST_IP);
  }

  private MtaStsResolver resolver() throws IOException {
    return MtaStsResolver.create(new MtaStsConfig(true, server.address().getPort(),
        pki.writeCaPem(dir.resolve("ca.pem")), dir.resolve("cache"), Duration.ofSeconds(5), 64 * 1024), dns, clock);
  }

  private PolicyFetcher fetcher() throws IOException {
    return PolicyFetcher.create(dns, pki.writeCaPem(dir.resolve("ca.pem")),
        new PolicyFetcher.FetchLimits(server.address().getPort(), Duration.ofSeconds(5), 64 * 1024));
  }

  @ParameterizedTest
  @EnumSource(MtaStsMode.class)
  void everyModeThePublisherWritesIsReadBackAsTheSamePolicy_STS1_STS3(MtaStsMode mode)
      throws IOException {
    List<String> mx = mode == MtaStsMode.NONE ? List.of() : List.of("mx1.dest.test", "*.mx.dest.test");
    StsPolicyDocument document = publish(StsPolicyDocument.of(mode, mx, 86_400), "mta-sts.dest.test");
    publishRecords(DEST, document);

    MtaStsResolver resolver = resolver();
    MtaStsPolicy policy = resolver.policy(DEST).orElseThrow(
        () -> new AssertionError("no policy: " + resolver.lastFailure(DEST)));
    assertThat(policy.mode().code()).isEqualTo(mode.code());
    assertThat(policy.mxPatterns()).isEqualTo(mx);
    assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(1));
    assertThat(policy.lines()).isEqualTo(document.lines()); // RPT-4: the same policy-string both ways
    assertThat(resolver.lastFailure(DEST)).isEmpty();
  }

  @Test
  void enforcePolicyValidatesTheMxNamesItLists_STS8() throws IOException {
    StsPolicyDocument document = publish(StsPolicyDocument.of(MtaStsMode.ENFORCE,
        List.of("mx1.dest.test", "*.mx.dest.test"), 604_800), "mta-sts.dest.test");
    publishRecords(DEST, document);

    MtaStsPolicy policy = resolver().policy(DEST).orElseThrow();
    assertThat(policy.matches(Domain.of("mx1.dest.test"))).isTrue();
    assertThat(policy.matches(Domain.of("a.mx.dest.test"))).isTrue();
    assertThat(policy.matches(Domain.of("mx.dest.test"))).as("*. needs one more label").isFalse();
    assertThat(policy.matches(Domain.of("mx2.dest.test"))).isFalse();
  }

  @Test
  void theFetcherGetsThePublishersBytesUnderTheCertificateCheck_STS2_STS4() throws IOException {
    StsPolicyDocument document = publish(StsPolicyDocument.of(MtaStsMode.TESTING,
        List.of("mx1.dest.test"), 3_600), "mta-sts.dest.test");
    publishRecords(DEST, document);

    FetchOutcome outcome = fetcher().fetch(DEST);
    assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
    assertThat(((FetchOutcome.Fetched) outcome).policy().lines()).isEqualTo(document.lines());
  }

  @Test
  void aDomainThePublisherDoesNotServeGetsNoPolicy_STS5() throws IOException {
    // The certificate names both hosts; the publisher serves dest.test only, so other.test gets 404.
    StsPolicyDocument document = publish(StsPolicyDocument.of(MtaStsMode.ENFORCE,
        List.of("mx1.dest.test"), 86_400), "mta-sts.dest.test", "mta-sts.other.test");
    Domain other = Domain.of("other.test");
    publishRecords(other, document);

    MtaStsResolver resolver = resolver();
    assertThat(resolver.policy(other)).isEmpty();
    FetchFailure failure = resolver.lastFailure(other).orElseThrow();
    assertThat(failure.type()).isEqualTo(FailureType.FETCH_ERROR);
    assertThat(failure.reason()).isEqualTo("HTTP 404");
  }

  @Test
  void aPublisherCertificateWithoutThePolicyHostNameIsRefused_STS4() throws IOException {
    // StsPolicyServer warns at start-up about this certificate; the fetcher shows why it matters.
    StsPolicyDocument document = publish(StsPolicyDocument.of(MtaStsMode.ENFORCE,
        List.of("mx1.dest.test"), 86_400), "mx1.dest.test");
    publishRecords(DEST, document);

    FetchOutcome outcome = fetcher().fetch(DEST);
    assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class,
        f -> assertThat(f.type()).isEqualTo(FailureType.WEBPKI_INVALID));
  }
}
