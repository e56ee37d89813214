package org.sealpost.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.Defaults;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.dns.universe.ManualClock;
import org.sealpost.mail.Domain;

/** Start-up: the validation probe, the fallback to off, and the loopback rule for trust-ad. */
@TestMethodOrder(MethodOrderer.Random.class)
class ResolverFactoryTest {

  @Test
  void validateModeThatReallyValidatesStaysOn() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    try (DnsUniverse u = DnsUniverse.start("127.0.0.60", clock)) {
      ResolverSetup s = ResolverFactory.start(u.config(DnsMode.VALIDATE, Duration.ofSeconds(1)), clock);
      assertThat(s.effective()).isEqualTo(DnsMode.VALIDATE);
      assertThat(s.degraded()).isFalse();
      assertThat(s.resolver().mode()).isEqualTo(DnsMode.VALIDATE);
    }
  }

  @Test
  void wrongTrustAnchorDegradesToOffInsteadOfTrustingAnything(@TempDir Path dir) throws IOException {
    ManualClock clock = ManualClock.startingNow();
    try (DnsUniverse u = DnsUniverse.start("127.0.0.60", clock);
        DnsUniverse other = DnsUniverse.start("127.0.0.61", clock)) {
      u.zone("dest.test").signed().mx(10, "mx.dest.test");
      Path anchor = dir.resolve("other.ds");
      Files.writeString(anchor, other.trustAnchor());
      DnsConfig c = u.config(DnsMode.VALIDATE, Duration.ofSeconds(1));
      c = new DnsConfig(c.mode(), c.resolvers(), anchor, false, c.timeout(), 0, 100);
      ResolverSetup s = ResolverFactory.start(c, clock);
      assertThat(s.effective()).isEqualTo(DnsMode.OFF);
      assertThat(s.problem()).contains("fix:");
      assertThat(s.resolver().mx(Domain.of("dest.test")).security()).isEqualTo(Security.INSECURE);
    }
  }

  @Test
  void trustAdAgainstANonValidatingServerDegradesToOff() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    try (DnsUniverse u = DnsUniverse.start("127.0.0.60", clock)) {
      // The authoritative server never sets AD: it is no validating resolver.
      DnsConfig c = u.config(DnsMode.TRUST_AD, Duration.ofSeconds(1));
      ResolverSetup s = ResolverFactory.start(c, clock);
      assertThat(s.effective()).isEqualTo(DnsMode.OFF);
      assertThat(s.problem()).contains("not validated");
    }
  }

  @Test
  void trustAdAgainstAValidatingResolverStaysOn() throws IOException {
    ManualClock clock = ManualClock.startingNow();
    try (DnsUniverse u = DnsUniverse.start("127.0.0.60", clock)) {
      InetSocketAddress front = u.startValidatingResolver("127.0.0.62");
      DnsConfig c = new DnsConfig(DnsMode.TRUST_AD, List.of("127.0.0.62:" + front.getPort()),
          u.trustAnchorFile(), false, Duration.ofSeconds(2), 0, 100);
      assertThat(ResolverFactory.start(c, clock).effective()).isEqualTo(DnsMode.TRUST_AD);
    }
  }

  @Test
  void unreachableResolverDegradesToOff() throws IOException {
    DnsConfig c = new DnsConfig(DnsMode.VALIDATE, List.of("127.0.0.63:9"), null, false,
        Duration.ofMillis(200), 0, 100);
    ResolverSetup s = ResolverFactory.start(c, ManualClock.startingNow());
    assertThat(s.effective()).isEqualTo(DnsMode.OFF);
    assertThat(s.requested()).isEqualTo(DnsMode.VALIDATE);
  }

  @Test
  void trustAdRefusesARemoteResolverWithoutTheOverride() throws IOException {
    DnsConfig remote = new DnsConfig(DnsMode.TRUST_AD, List.of("192.0.2.53"), null, false,
        Duration.ofSeconds(1), 0, 100);
    assertThatThrownBy(() -> ResolverFactory.create(remote, ManualClock.startingNow()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allow_remote_ad");
    DnsConfig allowed = new DnsConfig(DnsMode.TRUST_AD, List.of("192.0.2.53"), null, true,
        Duration.ofSeconds(1), 0, 100);
    // Built only; no query is sent anywhere.
    assertThat(ResolverFactory.create(allowed, ManualClock.startingNow()).mode())
        .isEqualTo(DnsMode.TRUST_AD);
  }

  @Test
  void offModeNeedsNoProbe() throws IOException {
    DnsConfig c = new DnsConfig(DnsMode.OFF, List.of("127.0.0.63:9"), null, false,
        Duration.ofMillis(100), 0, 100);
    ResolverSetup s = ResolverFactory.start(c, ManualClock.startingNow());
    assertThat(s.effective()).isEqualTo(DnsMode.OFF);
    assertThat(s.degraded()).isFalse();
  }

  @Test
  void builtInRootAnchorsLoad() throws IOException {
    TrustAnchors a = TrustAnchors.load(null);
    assertThat(a.owners()).containsExactly(org.xbill.DNS.Name.root);
    assertThat(new String(a.text(), java.nio.charset.StandardCharsets.US_ASCII))
        .contains("20326").contains("38696");
    assertThat(Defaults.dns().trustAnchor()).isNull();
  }

  @Test
  void resolverAddressesParse() {
    assertThat(ResolverFactory.parseServer("127.0.0.53")).isEqualTo(new InetSocketAddress("127.0.0.53", 53));
    assertThat(ResolverFactory.parseServer("127.0.0.53:5354")).isEqualTo(new InetSocketAddress("127.0.0.53", 5354));
    assertThat(ResolverFactory.parseServer("[::1]:5353").getPort()).isEqualTo(5353);
    assertThat(ResolverFactory.parseServer("::1").getPort()).isEqualTo(53);
    for (String bad : List.of("resolver.example", "127.0.0.1:0", "127.0.0.1:x", "[::1", "")) {
      assertThatThrownBy(() -> ResolverFactory.parseServer(bad))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
