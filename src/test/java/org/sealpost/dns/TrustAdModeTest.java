package org.sealpost.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Domain;

/**
 * {@code trust-ad} mode (DANE-1: the AD bit of a validating resolver over loopback) against the
 * universe's in-process validating resolver; {@code off} mode against the authoritative server.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class TrustAdModeTest {

  static DnsUniverse universe;
  static Resolver trustAd;
  static Resolver off;

  @BeforeAll
  static void build() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    universe = DnsUniverse.start("127.0.0.55", clock);
    Scenarios.populate(universe);
    InetSocketAddress front = universe.startValidatingResolver("127.0.0.56");
    trustAd = ResolverFactory.create(new DnsConfig(DnsMode.TRUST_AD,
        List.of("127.0.0.56:" + front.getPort()), null, false, Duration.ofSeconds(2), 0, 100), clock);
    off = ResolverFactory.create(universe.config(DnsMode.OFF, Duration.ofMillis(400)), clock);
  }

  @AfterAll
  static void stop() {
    universe.close();
  }

  static Domain d(String s) {
    return Domain.of(s);
  }

  @Test
  void adBitMakesAnswersSecure() {
    assertThat(trustAd.mx(d("dest.test")).security()).isEqualTo(Security.SECURE);
    assertThat(trustAd.tlsa(d("_25._tcp.mx1.dest.test")).security()).isEqualTo(Security.SECURE);
  }

  @Test
  void noAdBitIsInsecure() {
    assertThat(trustAd.mx(d("plain.test")).security()).isEqualTo(Security.INSECURE);
    assertThat(trustAd.mx(d("nods.test")).security()).isEqualTo(Security.INSECURE);
  }

  @Test
  void servfailWithDnssecExtendedErrorIsBogus() {
    assertThat(trustAd.mx(d("bogus.test"))).isInstanceOf(DnsResult.Bogus.class);
    assertThat(trustAd.mx(d("expired.test"))).isInstanceOf(DnsResult.Bogus.class);
    assertThat(trustAd.mx(d("wrongds.test"))).isInstanceOf(DnsResult.Bogus.class);
  }

  @Test
  void plainServfailStaysServfail() {
    assertThat(trustAd.mx(d("broken.test"))).isInstanceOf(DnsResult.ServFail.class);
    assertThat(trustAd.tlsa(d("_25._tcp.mx1.tlsafail.test"))).isInstanceOf(DnsResult.ServFail.class);
    assertThat(trustAd.a(d("mx1.tlsafail.test")).security()).isEqualTo(Security.SECURE);
  }

  @Test
  void negativeAnswersKeepTheirSecurity() {
    assertThat(trustAd.a(d("nope.dest.test"))).isInstanceOf(DnsResult.NxDomain.class);
    assertThat(trustAd.a(d("nope.dest.test")).security()).isEqualTo(Security.SECURE);
    assertThat(trustAd.aaaa(d("mx.plain.test"))).isInstanceOf(DnsResult.NoData.class);
    assertThat(trustAd.aaaa(d("mx.plain.test")).security()).isEqualTo(Security.INSECURE);
  }

  @Test
  void cnameChainSecurityIsTheWeakestLink() {
    DnsResult<java.net.InetAddress> r = trustAd.a(d("alias.dest.test"));
    assertThat(r.security()).isEqualTo(Security.INSECURE);
    assertThat(((DnsResult.Answer<?>) r).canonicalName()).isEqualTo(d("mx.plain.test"));
  }

  @Test
  void offModeCallsEverythingInsecure() {
    assertThat(off.mode()).isEqualTo(DnsMode.OFF);
    assertThat(off.mx(d("dest.test")).security()).isEqualTo(Security.INSECURE);
    assertThat(off.a(d("nope.dest.test"))).isInstanceOf(DnsResult.NxDomain.class);
    assertThat(off.a(d("nope.dest.test")).security()).isEqualTo(Security.INSECURE);
    // Without validation a bad signature goes unnoticed: that is exactly what "off" means.
    assertThat(off.mx(d("bogus.test")).security()).isEqualTo(Security.INSECURE);
    assertThat(off.mx(d("silent.test"))).isInstanceOf(DnsResult.Timeout.class);
    assertThat(off.mx(d("broken.test"))).isInstanceOf(DnsResult.ServFail.class);
  }

  @Test
  void offModeFollowsCnamesAcrossZonesByAskingAgain() {
    DnsResult<java.net.InetAddress> r = off.a(d("alias.dest.test"));
    assertThat(r.records()).hasSize(1);
    assertThat(((DnsResult.Answer<?>) r).aliases()).containsExactly(d("alias.dest.test"));
  }
}
