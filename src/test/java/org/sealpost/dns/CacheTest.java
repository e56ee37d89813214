package org.sealpost.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Domain;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** TTL-respecting cache with an injected clock (RFC 1035 §3.2.1 TTL, RFC 2308 §5 negative TTL). */
@TestMethodOrder(MethodOrderer.Random.class)
class CacheTest {

  @Test
  void answersAreServedFromCacheUntilTheirTtlRunsOut() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    try (DnsUniverse u = DnsUniverse.start("127.0.0.58", clock)) {
      u.zone("ttl.test").signed().ttl(60).a("host.ttl.test", "127.0.0.27");
      Resolver r = ResolverFactory.create(u.config(DnsMode.VALIDATE, Duration.ofSeconds(1)), clock);
      assertThat(r.a(Domain.of("host.ttl.test")).security()).isEqualTo(Security.SECURE);
      int asked = u.queryCount();
      clock.advance(Duration.ofSeconds(59));
      assertThat(r.a(Domain.of("host.ttl.test")).records()).hasSize(1);
      assertThat(u.queryCount()).isEqualTo(asked);
      clock.advance(Duration.ofSeconds(1));
      assertThat(r.a(Domain.of("host.ttl.test")).records()).hasSize(1);
      assertThat(u.queryCount()).isGreaterThan(asked);
    }
  }

  @Test
  void negativeAnswersAreCachedForTheSoaMinimum() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    try (DnsUniverse u = DnsUniverse.start("127.0.0.58", clock)) {
      u.zone("ttl.test").signed().ttl(60);
      Resolver r = ResolverFactory.create(u.config(DnsMode.VALIDATE, Duration.ofSeconds(1)), clock);
      assertThat(r.a(Domain.of("nope.ttl.test"))).isInstanceOf(DnsResult.NxDomain.class);
      int asked = u.queryCount();
      // The record appears, but the cached NXDOMAIN stands until the SOA minimum has passed.
      u.zone("ttl.test").a("nope.ttl.test", "127.0.0.28");
      clock.advance(Duration.ofSeconds(30));
      assertThat(r.a(Domain.of("nope.ttl.test"))).isInstanceOf(DnsResult.NxDomain.class);
      assertThat(u.queryCount()).isEqualTo(asked);
      clock.advance(Duration.ofSeconds(31));
      u.signNow();
      DnsResult<InetAddress> later = r.a(Domain.of("nope.ttl.test"));
      assertThat(later.records()).hasSize(1);
      assertThat(later.security()).isEqualTo(Security.SECURE);
    }
  }

  @Test
  void failuresAreNotCached() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    try (DnsUniverse u = DnsUniverse.start("127.0.0.58", clock)) {
      u.zone("flaky.test").signed().a("host.flaky.test", "127.0.0.29")
          .servfail("host.flaky.test", RecordType.A);
      Resolver r = ResolverFactory.create(u.config(DnsMode.VALIDATE, Duration.ofSeconds(1)), clock);
      assertThat(r.a(Domain.of("host.flaky.test"))).isInstanceOf(DnsResult.ServFail.class);
      int asked = u.queryCount();
      assertThat(r.a(Domain.of("host.flaky.test"))).isInstanceOf(DnsResult.ServFail.class);
      assertThat(u.queryCount()).isGreaterThan(asked);
    }
  }

  @Test
  void signaturesExpireWithTheInjectedClock() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    try (DnsUniverse u = DnsUniverse.start("127.0.0.58", clock)) {
      u.zone("ttl.test").signed().ttl(60).a("host.ttl.test", "127.0.0.27");
      Resolver r = ResolverFactory.create(u.config(DnsMode.VALIDATE, Duration.ofSeconds(1)), clock);
      clock.advance(Duration.ofDays(31)); // universe signatures are valid for 30 days
      assertThat(r.a(Domain.of("host.ttl.test"))).isInstanceOf(DnsResult.Bogus.class);
    }
  }

  @Test
  void cacheIsBoundedLeastRecentlyUsedFirst() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    DnsCache cache = new DnsCache(clock, 2);
    DnsResult<Record> any = new DnsResult.NoData<>(Domain.of("x.test"), Domain.of("x.test"),
        java.util.List.of(), Security.INSECURE);
    DnsCache.Key a = new DnsCache.Key(Name.fromString("a.test."), RecordType.A);
    DnsCache.Key b = new DnsCache.Key(Name.fromString("b.test."), RecordType.A);
    DnsCache.Key c = new DnsCache.Key(Name.fromString("c.test."), RecordType.A);
    cache.put(a, any, 300);
    cache.put(b, any, 300);
    assertThat(cache.get(a)).isNotNull(); // a is now more recent than b
    cache.put(c, any, 300);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(b)).isNull();
    assertThat(cache.get(a)).isNotNull();
    assertThat(cache.get(c)).isNotNull();
  }

  @Test
  void zeroTtlAndFailuresAreNotKept() throws Exception {
    DnsCache cache = new DnsCache(ManualClock.startingNow(), 10);
    DnsCache.Key k = new DnsCache.Key(Name.fromString("a.test."), RecordType.A);
    cache.put(k, new DnsResult.NoData<>(Domain.of("a.test"), Domain.of("a.test"),
        java.util.List.of(), Security.SECURE), 0);
    cache.put(k, new DnsResult.Timeout<>(Domain.of("a.test")), 300);
    assertThat(cache.size()).isZero();
  }
}
