package org.sealpost.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Domain;

/** Table of outcomes in {@code validate} mode against the in-process universe (DANE-1, DANE-2). */
@TestMethodOrder(MethodOrderer.Random.class)
class ValidateModeTest {

  static DnsUniverse universe;
  static ManualClock clock = ManualClock.startingNow();
  static Resolver resolver;

  @BeforeAll
  static void build() throws IOException {
    universe = DnsUniverse.start("127.0.0.54", clock);
    Scenarios.populate(universe);
    resolver = ResolverFactory.create(universe.config(DnsMode.VALIDATE, Duration.ofMillis(400)), clock);
  }

  @AfterAll
  static void stop() {
    universe.close();
  }

  static Domain d(String s) {
    return Domain.of(s);
  }

  @Test
  void secureMxIsAuthentic() {
    DnsResult<MxRecord> r = resolver.mx(d("dest.test"));
    assertThat(r).isInstanceOf(DnsResult.Answer.class);
    assertThat(r.security()).isEqualTo(Security.SECURE);
    assertThat(r.records()).containsExactly(new MxRecord(10, d("mx1.dest.test")));
  }

  @Test
  void unsignedDelegationIsInsecure() {
    DnsResult<MxRecord> r = resolver.mx(d("plain.test"));
    assertThat(r.status()).isEqualTo("NOERROR");
    assertThat(r.security()).isEqualTo(Security.INSECURE);
  }

  @Test
  void nxdomainSecureAndInsecureAreDistinct() {
    DnsResult<InetAddress> secure = resolver.a(d("nope.dest.test"));
    DnsResult<InetAddress> insecure = resolver.a(d("nope.plain.test"));
    assertThat(secure).isInstanceOf(DnsResult.NxDomain.class);
    assertThat(secure.security()).isEqualTo(Security.SECURE);
    assertThat(insecure).isInstanceOf(DnsResult.NxDomain.class);
    assertThat(insecure.security()).isEqualTo(Security.INSECURE);
  }

  @Test
  void nodataIsNotNxdomain() {
    DnsResult<InetAddress> secure = resolver.aaaa(d("mx1.dest.test"));
    DnsResult<InetAddress> insecure = resolver.aaaa(d("mx.plain.test"));
    assertThat(secure).isInstanceOf(DnsResult.NoData.class);
    assertThat(secure.security()).isEqualTo(Security.SECURE);
    assertThat(insecure).isInstanceOf(DnsResult.NoData.class);
    assertThat(insecure.security()).isEqualTo(Security.INSECURE);
  }

  @Test
  void emptyNonTerminalIsNodata() {
    DnsResult<TlsaRecord> r = resolver.tlsa(d("_tcp.mx1.dest.test"));
    assertThat(r).isInstanceOf(DnsResult.NoData.class);
    assertThat(r.security()).isEqualTo(Security.SECURE);
  }

  @Test
  void secureTlsaIsReturnedWithItsData() {
    DnsResult<TlsaRecord> r = resolver.tlsa(d("_25._tcp.mx1.dest.test"));
    assertThat(r.security()).isEqualTo(Security.SECURE);
    assertThat(r.records()).singleElement().satisfies(t -> {
      assertThat(t.usage()).isEqualTo(3);
      assertThat(t.associationData()).hasSize(32);
    });
  }

  @Test
  void badSignaturesAreBogusNeverInsecure() {
    DnsResult<MxRecord> r = resolver.mx(d("bogus.test"));
    assertThat(r).isInstanceOf(DnsResult.Bogus.class);
    assertThat(r.isFailure()).isTrue();
    assertThat(r.security()).isNull();
  }

  @Test
  void oneBadRrsigMakesOnlyThatRrsetBogus() {
    assertThat(resolver.mx(d("partly.test"))).isInstanceOf(DnsResult.Bogus.class);
    assertThat(resolver.a(d("mx.partly.test")).security()).isEqualTo(Security.SECURE);
  }

  @Test
  void expiredSignaturesAreBogus() {
    assertThat(resolver.mx(d("expired.test"))).isInstanceOf(DnsResult.Bogus.class);
  }

  @Test
  void mismatchedDsIsBogus() {
    assertThat(resolver.mx(d("wrongds.test"))).isInstanceOf(DnsResult.Bogus.class);
  }

  @Test
  void signedZoneWithoutDsIsInsecure() {
    DnsResult<MxRecord> r = resolver.mx(d("nods.test"));
    assertThat(r.status()).isEqualTo("NOERROR");
    assertThat(r.security()).isEqualTo(Security.INSECURE);
  }

  @Test
  void servfailOnTlsaOnlyLeavesOtherTypesAlone() {
    assertThat(resolver.tlsa(d("_25._tcp.mx1.tlsafail.test"))).isInstanceOf(DnsResult.ServFail.class);
    assertThat(resolver.a(d("mx1.tlsafail.test")).security()).isEqualTo(Security.SECURE);
    assertThat(resolver.mx(d("tlsafail.test")).security()).isEqualTo(Security.SECURE);
  }

  @Test
  void servfailZoneIsServfail() {
    assertThat(resolver.mx(d("broken.test"))).isInstanceOf(DnsResult.ServFail.class);
  }

  @Test
  void unresponsiveZoneIsTimeout() {
    assertThat(resolver.mx(d("silent.test"))).isInstanceOf(DnsResult.Timeout.class);
  }

  @Test
  void truncatedUdpAnswerIsFetchedOverTcp() {
    DnsResult<String> r = resolver.txt(d("big.test"));
    assertThat(r.security()).isEqualTo(Security.SECURE);
    assertThat(r.records()).hasSize(12);
  }

  @Test
  void multiStringTxtIsJoinedWithoutSpaces() {
    DnsResult<String> r = resolver.txt(d("_mta-sts.dest.test"));
    assertThat(r.records()).containsExactly("v=STSv1; id=2026012345");
    assertThat(r.security()).isEqualTo(Security.SECURE);
  }

  @Test
  void cnameIntoInsecureZoneMakesTheAnswerInsecure() {
    DnsResult<InetAddress> r = resolver.a(d("alias.dest.test"));
    assertThat(r).isInstanceOf(DnsResult.Answer.class);
    DnsResult.Answer<InetAddress> a = (DnsResult.Answer<InetAddress>) r;
    assertThat(a.canonicalName()).isEqualTo(d("mx.plain.test"));
    assertThat(a.aliases()).containsExactly(d("alias.dest.test"));
    assertThat(a.security()).isEqualTo(Security.INSECURE);
  }

  @Test
  void cnameInsideASignedZoneStaysSecure() {
    DnsResult<InetAddress> r = resolver.a(d("www.dest.test"));
    assertThat(r.security()).isEqualTo(Security.SECURE);
    assertThat(((DnsResult.Answer<InetAddress>) r).aliases()).containsExactly(d("www.dest.test"));
    assertThat(((DnsResult.Answer<InetAddress>) r).canonicalName()).isEqualTo(d("mx1.dest.test"));
  }

  @Test
  void cnameToMissingNameIsNxdomainOfTheTarget() {
    DnsResult<InetAddress> r = resolver.a(d("dangling.dest.test"));
    assertThat(r).isInstanceOf(DnsResult.NxDomain.class);
    assertThat(((DnsResult.NxDomain<InetAddress>) r).canonicalName()).isEqualTo(d("gone.dest.test"));
    assertThat(r.security()).isEqualTo(Security.SECURE);
  }

  @Test
  void cnameQuestionIsNotFollowed() {
    DnsResult<Domain> r = resolver.cname(d("alias.dest.test"));
    assertThat(r.records()).containsExactly(d("mx.plain.test"));
    assertThat(r.security()).isEqualTo(Security.SECURE);
  }

  @Test
  void nullMxIsReported() {
    DnsResult<MxRecord> r = resolver.mx(d("nomail.test"));
    assertThat(r.records()).singleElement().matches(MxRecord::isNullMx);
    assertThat(r.security()).isEqualTo(Security.SECURE);
  }
}
