package org.sealpost.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Domain;
import org.sealpost.mail.EnhancedStatus;

/** RFC 5321 §5.1 next-hop resolution (SMTP-13) with chain security (DANE-3, DANE-4). */
@TestMethodOrder(MethodOrderer.Random.class)
class MxResolverTest {

  static DnsUniverse universe;
  static Resolver resolver;

  @BeforeAll
  static void build() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    universe = DnsUniverse.start("127.0.0.57", clock);
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
  void secureMxWithSecureAddressIsSecureEndToEnd() {
    var r = (MxResolution.Hosts) new MxResolver(resolver).resolve(d("dest.test"));
    assertThat(r.mxSecurity()).isEqualTo(Security.SECURE);
    assertThat(r.implicit()).isFalse();
    MxHost h = r.hosts().getFirst();
    assertThat(h.name()).isEqualTo(d("mx1.dest.test"));
    assertThat(h.addresses()).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.21");
    assertThat(h.chainSecurity()).isEqualTo(Security.SECURE);
  }

  @Test
  void secureMxWhoseTargetAddressIsInsecureIsInsecureAsAChain() {
    var r = (MxResolution.Hosts) new MxResolver(resolver).resolve(d("insecurea.dest.test"));
    assertThat(r.mxSecurity()).isEqualTo(Security.SECURE);
    MxHost h = r.hosts().getFirst();
    assertThat(h.addressSecurity()).isEqualTo(Security.INSECURE);
    assertThat(h.chainSecurity()).isEqualTo(Security.INSECURE);
  }

  @Test
  void nullMxFailsPermanentlyWith5110() {
    MxResolution r = new MxResolver(resolver).resolve(d("nomail.test"));
    assertThat(r).isInstanceOf(MxResolution.NullMx.class);
    assertThat(r.failureStatus()).isEqualTo(EnhancedStatus.of("5.1.10"));
  }

  @Test
  void nxdomainIsPermanent() {
    MxResolution r = new MxResolver(resolver).resolve(d("absent.dest.test"));
    assertThat(r).isInstanceOf(MxResolution.NoSuchDomain.class);
    assertThat(r.failureStatus().isPermanent()).isTrue();
  }

  @Test
  void bogusMxDefers() {
    MxResolution r = new MxResolver(resolver).resolve(d("bogus.test"));
    assertThat(r).isInstanceOf(MxResolution.Failed.class);
    assertThat(((MxResolution.Failed) r).cause()).isInstanceOf(DnsResult.Bogus.class);
    assertThat(r.failureStatus()).isEqualTo(EnhancedStatus.of("4.4.3"));
  }

  @Test
  void servfailAndTimeoutDefer() {
    assertThat(new MxResolver(resolver).resolve(d("broken.test")).failureStatus().isTransient()).isTrue();
    assertThat(new MxResolver(resolver).resolve(d("silent.test")).failureStatus().isTransient()).isTrue();
  }

  @Test
  void noMxMeansTheDomainItselfAtPreferenceZero() {
    var r = (MxResolution.Hosts) new MxResolver(resolver).resolve(d("implicit.test"));
    assertThat(r.implicit()).isTrue();
    assertThat(r.hosts()).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo(d("implicit.test"));
      assertThat(h.preference()).isZero();
      assertThat(h.chainSecurity()).isEqualTo(Security.SECURE);
    });
  }

  @Test
  void mxBehindACnameReportsTheExpandedDomain() {
    var r = (MxResolution.Hosts) new MxResolver(resolver).resolve(d("mailalias.dest.test"));
    assertThat(r.expandedDomain()).isEqualTo(d("dest.test"));
    assertThat(r.mxSecurity()).isEqualTo(Security.SECURE);
    assertThat(r.hosts()).extracting(MxHost::name).containsExactly(d("mx1.dest.test"));
  }

  @Test
  void equalPreferencesAreShuffledAndLowerPreferenceComesFirst() {
    Set<List<Domain>> orders = new HashSet<>();
    for (int seed = 0; seed < 16; seed++) {
      var r = (MxResolution.Hosts) new MxResolver(resolver, new Random(seed)).resolve(d("multi.test"));
      List<Domain> names = r.hosts().stream().map(MxHost::name).toList();
      assertThat(names.getLast()).isEqualTo(d("c.multi.test"));
      orders.add(names);
    }
    assertThat(orders).containsExactlyInAnyOrder(
        List.of(d("a.multi.test"), d("b.multi.test"), d("c.multi.test")),
        List.of(d("b.multi.test"), d("a.multi.test"), d("c.multi.test")));
  }
}
