package org.sealpost.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.mail.Domain;

/**
 * Interop (DANE-1): knot signs {@code test.} and serves a bogus {@code bad.test.} and an unsigned
 * {@code insecure.test.}; unbound validates in front of it. Sealpost in {@code trust-ad} mode
 * (against unbound) and in {@code validate} mode (straight at knot, with knot's DS as anchor) must
 * agree with {@code kdig +dnssec} through unbound on secure, insecure and bogus names. Skipped when
 * knot, unbound or kdig are not installed ({@code .ci/run} installs them).
 */
@Tag("interop")
class KnotUnboundInteropIT {

  static final String IP = "127.0.0.53";
  static Path base;
  static Path script;
  static int authPort;
  static int valPort;
  static Resolver trustAd;
  static Resolver validate;

  @BeforeAll
  static void start() throws Exception {
    for (String p : List.of("knotd", "knotc", "keymgr", "unbound", "unbound-checkconf", "kdig")) {
      Assumptions.assumeTrue(onPath(p), p + " is not installed");
    }
    base = Files.createTempDirectory("sealpost-dns-interop");
    script = Path.of(KnotUnboundInteropIT.class.getResource("/interop/dns/universe.sh").toURI());
    authPort = freePort();
    valPort = freePort();
    Process p = new ProcessBuilder("bash", script.toString(), "start", base.toString(), IP,
        String.valueOf(authPort), String.valueOf(valPort))
        .redirectErrorStream(true).redirectOutput(base.resolve("start.log").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(base.resolve("start.log"))).isZero();
    Path anchor = base.resolve("test.ds");
    ResolverSetup ad = ResolverFactory.start(new DnsConfig(DnsMode.TRUST_AD,
        List.of(IP + ":" + valPort), anchor, false, Duration.ofSeconds(3), 1, 1000), Clock.systemUTC());
    ResolverSetup val = ResolverFactory.start(new DnsConfig(DnsMode.VALIDATE,
        List.of(IP + ":" + authPort), anchor, false, Duration.ofSeconds(3), 1, 1000), Clock.systemUTC());
    assertThat(ad.effective()).as("trust-ad probe: %s", ad.problem()).isEqualTo(DnsMode.TRUST_AD);
    assertThat(val.effective()).as("validate probe: %s", val.problem()).isEqualTo(DnsMode.VALIDATE);
    trustAd = ad.resolver();
    validate = val.resolver();
  }

  @AfterAll
  static void stop() throws Exception {
    if (base != null && script != null) {
      new ProcessBuilder("bash", script.toString(), "stop", base.toString(), IP,
          String.valueOf(authPort), String.valueOf(valPort)).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static Domain d(String s) {
    return Domain.of(s);
  }

  @Test
  void secureNamesAreSecureInBothModes() {
    for (Resolver r : List.of(trustAd, validate)) {
      assertThat(r.mx(d("test")).records()).containsExactly(new MxRecord(10, d("mx1.test")));
      assertThat(r.mx(d("test")).security()).isEqualTo(Security.SECURE);
      assertThat(r.tlsa(d("_25._tcp.mx1.test")).security()).isEqualTo(Security.SECURE);
      assertThat(r.txt(d("_mta-sts.test")).records()).containsExactly("v=STSv1; id=20260101");
      DnsResult<InetAddress> nx = r.a(d("nope.test"));
      assertThat(nx).isInstanceOf(DnsResult.NxDomain.class);
      assertThat(nx.security()).isEqualTo(Security.SECURE);
    }
  }

  @Test
  void unsignedDelegationIsInsecureInBothModes() {
    for (Resolver r : List.of(trustAd, validate)) {
      DnsResult<MxRecord> mx = r.mx(d("insecure.test"));
      assertThat(mx.records()).hasSize(1);
      assertThat(mx.security()).isEqualTo(Security.INSECURE);
    }
  }

  @Test
  void mismatchedDsIsBogusInBothModes() {
    // unbound reports EDE 9 (DNSKEY missing) with its SERVFAIL; dnsjava reports the broken chain.
    assertThat(trustAd.mx(d("bad.test"))).isInstanceOf(DnsResult.Bogus.class);
    assertThat(validate.mx(d("bad.test"))).isInstanceOf(DnsResult.Bogus.class);
  }

  @Test
  void sealpostAgreesWithKdig() throws Exception {
    String[][] questions = {
      {"test", "MX"}, {"_25._tcp.mx1.test", "TLSA"}, {"nope.test", "A"}, {"mx1.test", "AAAA"},
      {"insecure.test", "MX"}, {"bad.test", "MX"},
    };
    for (String[] q : questions) {
      String kdig = kdig(q[0], q[1]);
      for (Resolver r : List.of(trustAd, validate)) {
        DnsResult<?> res = switch (RecordType.parse(q[1])) {
          case MX -> r.mx(d(q[0]));
          case TLSA -> r.tlsa(d(q[0]));
          case A -> r.a(d(q[0]));
          case AAAA -> r.aaaa(d(q[0]));
          default -> throw new IllegalStateException();
        };
        assertThat(summary(res)).as("%s %s in mode %s", q[0], q[1], r.mode()).isEqualTo(kdig);
      }
    }
  }

  /** "NOERROR/AD", "NXDOMAIN/noAD", "SERVFAIL/noAD" ..., as kdig shows a reply. */
  static String summary(DnsResult<?> r) {
    String status = switch (r) {
      case DnsResult.Answer<?> a -> "NOERROR";
      case DnsResult.NoData<?> n -> "NOERROR";
      case DnsResult.NxDomain<?> n -> "NXDOMAIN";
      case DnsResult.Bogus<?> b -> "SERVFAIL";
      case DnsResult.ServFail<?> s -> "SERVFAIL";
      case DnsResult.Timeout<?> t -> "TIMEOUT";
    };
    return status + "/" + (r.isSecure() ? "AD" : "noAD");
  }

  static String kdig(String name, String type) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kdig", "@" + IP, "-p", String.valueOf(valPort), "+dnssec",
        "+time=3", name, type).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    String status = out.replaceAll("(?s).*status: ([A-Z]+).*", "$1");
    boolean ad = out.lines().anyMatch(l -> l.contains("Flags:") && l.matches(".*Flags:[^;]* ad\\b.*"));
    return status + "/" + (ad ? "AD" : "noAD");
  }

  static boolean onPath(String program) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/sbin", "/sbin"));
    return dirs.stream().anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.ofLiteral(IP), 0));
      return s.getLocalPort();
    }
  }
}
