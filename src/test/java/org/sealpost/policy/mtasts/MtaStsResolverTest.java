package org.sealpost.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DnsMode;
import org.sealpost.config.MtaStsConfig;
import org.sealpost.config.MtaStsMode;
import org.sealpost.dns.RecordType;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Domain;
import org.sealpost.policy.TlsResultType;
import org.sealpost.policy.mtasts.FetchOutcome.FailureType;
import org.sealpost.policy.mtasts.PolicyHost.Reply;
import org.sealpost.tls.TestPki;

/**
 * The whole lookup over real DNS (the test universe) and real HTTPS (the JDK's HttpsServer on
 * 127.0.0.61 with a TestPki certificate for {@code mta-sts.dest.test}).
 */
class MtaStsResolverTest {

  private static final String HOST_IP = "127.0.0.61";
  private static final Domain DEST = Domain.of("dest.test");
  private static final String ENFORCE = """
      version: STSv1\r
      mode: enforce\r
      mx: mx1.dest.test\r
      mx: *.backup.dest.test\r
      max_age: 604800\r
      """;

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private final ManualClock clock = ManualClock.startingNow();
  private DnsUniverse universe;
  private Resolver dns;
  private @Nullable PolicyHost host;
  private Duration timeout = Duration.ofSeconds(5);

  @BeforeEach
  void start() throws Exception {
    universe = DnsUniverse.start();
    universe.zone("dest.test")
        .txt("_mta-sts.dest.test", "v=STSv1; id=", "20240501;")
        .a("mta-sts.dest.test", HOST_IP);
    dns = ResolverFactory.create(universe.config(DnsMode.OFF, Duration.ofSeconds(2)), clock);
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.close();
    }
    universe.close();
  }

  private PolicyHost host(TestPki.Issued certificate) throws Exception {
    host = PolicyHost.start(HOST_IP, certificate);
    return host;
  }

  private PolicyHost host() throws Exception {
    return host(pki.server("mta-sts.dest.test"));
  }

  private MtaStsResolver resolver(int port) throws Exception {
    Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
    return MtaStsResolver.create(
        new MtaStsConfig(true, port, ca, dir.resolve("cache"), timeout, 64 * 1024), dns, clock);
  }

  private void newRecord(String id) {
    universe.zone("dest.test").remove("_mta-sts.dest.test", RecordType.TXT)
        .txt("_mta-sts.dest.test", "v=STSv1; id=" + id);
    clock.advance(Duration.ofMinutes(6)); // past the 300 s TTL of the old answer
  }

  private FailureType failureAfterFetching(Reply reply) throws Exception {
    PolicyHost h = host != null ? host : host();
    MtaStsResolver r = resolver(h.reply(reply).port());
    assertThat(r.policy(DEST)).isEmpty();
    return r.lastFailure(DEST).orElseThrow().type();
  }

  @Test
  void enforcePolicyIsFetchedOnceAndThenServedFromTheCache_STS2_STS3() throws Exception {
    MtaStsResolver r = resolver(host().serve(ENFORCE).port());
    MtaStsPolicy p = r.policy(DEST).orElseThrow();
    assertThat(p.mode()).isEqualTo(MtaStsMode.ENFORCE);
    assertThat(p.mxPatterns()).containsExactly("mx1.dest.test", "*.backup.dest.test");
    assertThat(p.maxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(p.lines()).containsExactly("version: STSv1", "mode: enforce", "mx: mx1.dest.test",
        "mx: *.backup.dest.test", "max_age: 604800"); // RPT-4 policy-string
    assertThat(r.policy(DEST)).contains(p);
    assertThat(host.hits()).isEqualTo(1);
    assertThat(host.requests).containsExactly("GET /.well-known/mta-sts.txt host=mta-sts.dest.test");
    assertThat(Files.readString(dir.resolve("cache/dest.test.policy"))).contains("id: 20240501");
    assertThat(r.lastFailure(DEST)).isEmpty();
  }

  @Test
  void sniNamesThePolicyHost_STS12() throws Exception {
    MtaStsResolver r = resolver(host().serve(ENFORCE).port());
    assertThat(r.policy(DEST)).isPresent();
    assertThat(host.sniNames).containsExactly("mta-sts.dest.test");
  }

  @Test
  void cachedPolicyAppliesWhenThePolicyHostIsDown_STS5() throws Exception {
    MtaStsResolver r = resolver(host().serve(ENFORCE).port());
    MtaStsPolicy p = r.policy(DEST).orElseThrow();
    host.close();
    newRecord("20240502");
    assertThat(r.policy(DEST)).contains(p);
    FetchFailure failure = r.lastFailure(DEST).orElseThrow();
    assertThat(failure.resultType().code()).isEqualTo("sts-policy-fetch-error"); // STS-13
    assertThat(failure.policyId()).isEqualTo("20240502");
    assertThat(failure.cachedPolicyInForce()).isTrue();
  }

  @Test
  void noPolicyWhenNothingIsCachedAndTheHostIsDown_STS5() throws Exception {
    MtaStsResolver r = resolver(host().port());
    host.close();
    assertThat(r.policy(DEST)).isEmpty();
    assertThat(r.lastFailure(DEST).orElseThrow().cachedPolicyInForce()).isFalse();
  }

  @Test
  void newRecordIdFetchesThePolicyAgain_STS10() throws Exception {
    MtaStsResolver r = resolver(host().serve(ENFORCE.replace("enforce", "testing")).port());
    assertThat(r.policy(DEST).orElseThrow().mode()).isEqualTo(MtaStsMode.TESTING);
    host.serve(ENFORCE);
    clock.advance(Duration.ofMinutes(6));
    assertThat(r.policy(DEST).orElseThrow().mode()).as("same id: cached").isEqualTo(MtaStsMode.TESTING);
    newRecord("20240601");
    assertThat(r.policy(DEST).orElseThrow().mode()).isEqualTo(MtaStsMode.ENFORCE);
    assertThat(host.hits()).isEqualTo(2);
  }

  @Test
  void vanishedOrMalformedRecordKeepsTheCachedPolicy_STS1() throws Exception {
    MtaStsResolver r = resolver(host().serve(ENFORCE).port());
    MtaStsPolicy p = r.policy(DEST).orElseThrow();
    universe.zone("dest.test").remove("_mta-sts.dest.test", RecordType.TXT)
        .txt("_mta-sts.dest.test", "v=STSv1; id=toolong-and-not-alphanumeric!");
    clock.advance(Duration.ofMinutes(6));
    assertThat(r.policy(DEST)).contains(p);
    universe.zone("dest.test").remove("_mta-sts.dest.test", RecordType.TXT);
    clock.advance(Duration.ofMinutes(6));
    assertThat(r.policy(DEST)).contains(p);
    assertThat(host.hits()).isEqualTo(1);
  }

  @Test
  void expiredCachedPolicyIsNotApplied_STS5() throws Exception {
    MtaStsResolver r = resolver(host().serve(ENFORCE.replace("604800", "600")).port());
    assertThat(r.policy(DEST)).isPresent();
    host.close();
    universe.zone("dest.test").remove("_mta-sts.dest.test", RecordType.TXT);
    clock.advance(Duration.ofMinutes(11));
    assertThat(r.policy(DEST)).isEmpty();
    assertThat(dir.resolve("cache/dest.test.policy")).doesNotExist();
  }

  @Test
  void subdomainNeverInheritsItsParentsPolicy_STS7() throws Exception {
    MtaStsResolver r = resolver(host().serve(ENFORCE).port());
    assertThat(r.policy(DEST)).isPresent();
    assertThat(r.policy(Domain.of("sub.dest.test"))).isEmpty();
    assertThat(host.hits()).isEqualTo(1);
  }

  @Test
  void cacheSurvivesANewInstanceOverTheSameFolder_STS5() throws Exception {
    MtaStsPolicy p = resolver(host().serve(ENFORCE).port()).policy(DEST).orElseThrow();
    host.close();
    MtaStsResolver restarted = resolver(host.port());
    assertThat(restarted.policy(DEST)).contains(p);
    assertThat(restarted.lastFailure(DEST)).as("same id: no fetch").isEmpty();
  }

  @Test
  void failedFetchIsNotRetriedForFiveMinutes_STS4() throws Exception {
    MtaStsResolver r = resolver(host().reply(new Reply(500, "text/plain", new byte[0], Map.of(),
        false, Duration.ZERO)).port());
    assertThat(r.policy(DEST)).isEmpty();
    clock.advance(Duration.ofMinutes(4));
    assertThat(r.policy(DEST)).isEmpty();
    assertThat(host.hits()).isEqualTo(1);
    host.serve(ENFORCE);
    clock.advance(Duration.ofMinutes(1));
    assertThat(r.policy(DEST)).isPresent();
    assertThat(host.hits()).isEqualTo(2);
  }

  @Test
  void aFailedFetchIsTlsReportedUntilAGoodOne_STS13() throws Exception {
    MtaStsResolver r = resolver(host().reply(new Reply(500, "text/plain", new byte[0], Map.of(),
        false, Duration.ZERO)).port());
    assertThat(r.policy(DEST)).isEmpty();
    assertThat(r.fetchFailure(DEST)).contains(TlsResultType.STS_POLICY_FETCH_ERROR);
    host.serve(ENFORCE);
    clock.advance(Duration.ofMinutes(5));
    assertThat(r.policy(DEST)).isPresent();
    assertThat(r.fetchFailure(DEST)).isEmpty();
  }

  @Test
  void certificateForAnotherNameIsRefused_STS4() throws Exception {
    host(pki.server("www.dest.test"));
    assertThat(failureAfterFetching(Reply.policy(ENFORCE))).isEqualTo(FailureType.WEBPKI_INVALID);
    assertThat(host.requests).as("nothing sent to an unverified host").isEmpty();
  }

  @Test
  void untrustedCertificateIsRefused_STS4() throws Exception {
    host(TestPki.selfSigned("mta-sts.dest.test"));
    assertThat(failureAfterFetching(Reply.policy(ENFORCE))).isEqualTo(FailureType.WEBPKI_INVALID);
  }

  @Test
  void expiredCertificateIsRefused_STS4() throws Exception {
    host(pki.expired("mta-sts.dest.test"));
    assertThat(failureAfterFetching(Reply.policy(ENFORCE))).isEqualTo(FailureType.WEBPKI_INVALID);
  }

  @Test
  void commonNameWithoutDnsIdIsRefused_STS4() throws Exception {
    host(pki.commonNameOnly("mta-sts.dest.test"));
    assertThat(failureAfterFetching(Reply.policy(ENFORCE))).isEqualTo(FailureType.WEBPKI_INVALID);
  }

  @Test
  void redirectIsNotFollowed_STS4() throws Exception {
    host();
    Reply redirect = new Reply(301, "text/plain", new byte[0],
        Map.of("Location", "https://mta-sts.dest.test/elsewhere.txt"), false, Duration.ZERO);
    assertThat(failureAfterFetching(redirect)).isEqualTo(FailureType.FETCH_ERROR);
    assertThat(host.hits()).isEqualTo(1);
  }

  @Test
  void oversizeBodyIsRefused_STS4() throws Exception {
    host();
    String big = ENFORCE + "x: " + "y".repeat(70_000) + "\r\n";
    assertThat(failureAfterFetching(Reply.policy(big))).isEqualTo(FailureType.FETCH_ERROR);
  }

  @Test
  void oversizeChunkedBodyIsRefused_STS4() throws Exception {
    host();
    byte[] big = (ENFORCE + "x: " + "y".repeat(70_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    Reply chunked = new Reply(200, "text/plain", big, Map.of(), true, Duration.ZERO);
    assertThat(failureAfterFetching(chunked)).isEqualTo(FailureType.FETCH_ERROR);
  }

  @Test
  void chunkedPolicyIsRead() throws Exception {
    Reply chunked = new Reply(200, "text/plain", ENFORCE.getBytes(StandardCharsets.US_ASCII), Map.of(),
        true, Duration.ZERO);
    MtaStsResolver r = resolver(host().reply(chunked).port());
    assertThat(r.policy(DEST).orElseThrow().mode()).isEqualTo(MtaStsMode.ENFORCE);
  }

  @Test
  void wrongContentTypeIsRefused_STS2() throws Exception {
    host();
    Reply html = new Reply(200, "text/html", ENFORCE.getBytes(StandardCharsets.US_ASCII), Map.of(),
        false, Duration.ZERO);
    assertThat(failureAfterFetching(html)).isEqualTo(FailureType.POLICY_INVALID);
  }

  @Test
  void invalidPolicyTextIsReportedAsPolicyInvalid_STS3() throws Exception {
    host();
    assertThat(failureAfterFetching(Reply.policy("version: STSv1\nmode: enforce\nmax_age: 86400\n")))
        .isEqualTo(FailureType.POLICY_INVALID);
  }

  @Test
  void fetchSlowerThanTheTimeoutFails_STS4() throws Exception {
    timeout = Duration.ofMillis(700);
    host();
    Reply slow = new Reply(200, "text/plain", ENFORCE.getBytes(StandardCharsets.US_ASCII), Map.of(),
        false, Duration.ofSeconds(3));
    assertThat(failureAfterFetching(slow)).isEqualTo(FailureType.FETCH_ERROR);
  }

  @Test
  void policiesAreDueForRefreshADayAfterTheFetch_STS6() throws Exception {
    MtaStsResolver r = resolver(host().serve(ENFORCE).port());
    assertThat(r.policy(DEST)).isPresent();
    assertThat(r.refreshDue()).isEmpty();
    clock.advance(Duration.ofDays(1));
    assertThat(r.refreshDue()).containsExactly(DEST);
    assertThat(r.refresh(DEST)).containsInstanceOf(FetchOutcome.Fetched.class);
    assertThat(host.hits()).as("same id, fetched anyway to renew max_age").isEqualTo(2);
    assertThat(r.refreshDue()).isEmpty();
    clock.advance(Duration.ofDays(1));
    assertThat(r.refreshDuePolicies()).as("the timer's pass renews what is due").isEqualTo(1);
    assertThat(host.hits()).isEqualTo(3);
    assertThat(r.refreshDuePolicies()).isZero();
  }

  @Test
  void addressLiteralHasNoPolicy() throws Exception {
    assertThat(resolver(443).policy(Domain.of("[127.0.0.1]"))).isEmpty();
  }
}
