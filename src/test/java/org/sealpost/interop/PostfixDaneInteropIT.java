package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sealpost.config.Defaults;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.config.ListenerKind;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.dns.ResolverSetup;
import org.sealpost.it.SealpostInstance;
import org.sealpost.mail.Domain;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.testing.Maildirs;

/**
 * DANE interop (issue 5 §5; RFC 7672; spec DANE-1 to DANE-12): Postfix 3.7 with {@code
 * smtp_tls_security_level = dane} and {@code smtp_dns_support_level = dnssec}, resolving through
 * Unbound, which validates knot's signed zone {@code test.}, delivers to a Sealpost that publishes
 * TLSA records there, and refuses when they do not match. Sealpost's own {@code TlsaLookup} and
 * {@code DaneVerifier}, run in process against the same zone and the certificate chain Sealpost
 * presents, reach the same verdict as Postfix in every {@link DaneCase}, in {@code trust-ad} mode
 * (Unbound's AD bit) and in {@code validate} mode (dnsjava validating knot's answers itself).
 *
 * <p>Set-up, all on loopback: knot and Unbound on 127.0.0.160 (Unbound on port 53, since Postfix's
 * libc resolver asks nothing else; Postfix runs in a mount namespace whose {@code /etc/resolv.conf}
 * names it, {@link PrivateResolvConf}); Sealpost on 127.0.0.161, mailbox {@code bob@sealpost.test}
 * delivered to a Maildir; Postfix on 127.0.0.162. Each case has its own recipient domain, MX host
 * and TLSA RRset; Postfix rewrites every recipient to {@code bob@sealpost.test} on the way out.
 * Sealpost listens on a free port, and Postfix is told to use it for MX delivery ({@code
 * smtp_tcp_port}): the TLSA owner name follows the port, {@code _<port>._tcp.<mx host>} (RFC 6698
 * §3), which is where Postfix asks (its warning for the unusable-only case names {@code
 * _<port>._tcp.mx.pkix-ee-only.dane.test}). Postfix has no CA file configured, so a "Verified"
 * connection can only have been authenticated by DANE, never by PKIX.
 *
 * <p>Needs root, postfix, swaks, knot, knot-dnsutils, unbound and unshare; skips otherwise, and
 * fails instead under {@code SEALPOST_INTEROP=required} ({@code .ci/run}).
 */
@Tag("interop")
@TestMethodOrder(MethodOrderer.Random.class)
class PostfixDaneInteropIT {

  private static final String DNS = "127.0.0.160";
  private static final String SEALPOST = "127.0.0.161";
  private static final String POSTFIX = "127.0.0.162";
  private static final String MAILBOX = "bob";
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
  /** Program, Debian package. */
  private static final String[][] PEERS = {
    {"postfix", "postfix"}, {"script", "bsdutils"}, {"swaks", "swaks"}, {"unshare", "util-linux"},
    {"mount", "mount"}, {"knotd", "knot"}, {"knotc", "knot"}, {"keymgr", "knot"},
    {"kdig", "knot-dnsutils"}, {"unbound", "unbound"}, {"unbound-checkconf", "unbound"},
  };

  @TempDir static Path dir;
  private static SealpostInstance sealpost;
  private static SignedTestZone zone;
  private static PrivatePostfix postfix;
  private static LogTail maillog;
  private static List<X509Certificate> chain;
  private static int sealpostPort;
  private static int postfixPort;
  private static Resolver trustAd;
  private static Resolver validate;

  @BeforeAll
  static void start() throws Exception {
    if (Arrays.stream(PEERS).anyMatch(p -> InteropPeers.find(p[0]).isEmpty())
        || !InteropPeers.isRoot()) {
      return; // requirePeers() skips every test and says why
    }
    sealpost = SealpostInstance.builder(dir.resolve("sealpost")).address(SEALPOST)
        .delivery(Defaults.delivery()).start();
    sealpostPort = sealpost.address(ListenerKind.SMTP).getPort();
    try (SmtpClient c = sealpost.connectStartTls(ListenerKind.SMTP)) {
      chain = c.tlsSession().orElseThrow().peerCertificates();
    }
    // DANE-TA needs the anchor in the presented chain (DANE-9): leaf, then the test CA.
    assertThat(chain).hasSize(2);

    zone = SignedTestZone.start(dir.resolve("dns"), DNS);
    zone.publish(Arrays.stream(DaneCase.values())
        .flatMap(c -> c.records(chain, SEALPOST, sealpostPort, sealpost.hostname()).stream())
        .toList());
    trustAd = resolver(DnsMode.TRUST_AD, zone.validator().getHostString() + ":53");
    validate = resolver(DnsMode.VALIDATE,
        DNS + ":" + zone.authoritative().getPort());

    Path wrapper = PrivateResolvConf.wrap(InteropPeers.find("postfix").orElseThrow(),
        zone.resolvConf(), dir.resolve("postfix-with-test-resolv.conf"));
    postfixPort = InteropPeers.freePort(POSTFIX);
    String generic = Arrays.stream(DaneCase.values())
        .map(c -> "@" + c.domain() + " = " + MAILBOX + "@" + SealpostInstance.LOCAL_DOMAIN)
        .collect(Collectors.joining(" }, { ", "{ ", " }"));
    postfix = PrivatePostfix.start(wrapper, dir.resolve("postfix"),
        sealpost.pki().writeCaPem(dir.resolve("ca.pem")), "interop/postfix-dane", Map.of(
            "LISTEN", POSTFIX,
            "PORT", Integer.toString(postfixPort),
            "SEALPOST_PORT", Integer.toString(sealpostPort),
            "GENERIC", generic));
    maillog = new LogTail("postfix maillog", postfix::maillog);
  }

  private static Resolver resolver(DnsMode mode, String server) throws Exception {
    ResolverSetup setup = ResolverFactory.start(new DnsConfig(mode, List.of(server),
        zone.trustAnchor(), false, Duration.ofSeconds(3), 1, 1000), Clock.systemUTC());
    assertThat(setup.effective()).as("%s probe: %s", mode, setup.problem()).isEqualTo(mode);
    return setup.resolver();
  }

  @BeforeEach
  void requirePeers() {
    for (String[] p : PEERS) {
      InteropPeers.require(p[0], p[1]);
    }
    InteropPeers.requireRoot();
    maillog.mark();
  }

  @AfterAll
  static void stop() {
    if (postfix != null) {
      postfix.close();
    }
    if (zone != null) {
      zone.close();
    }
    if (sealpost != null) {
      sealpost.close();
    }
  }

  @Test
  void postfixDeliversOverDaneWhenTheTlsa311MatchesSealpostsKey() throws Exception { // DANE-8
    DaneCase c = DaneCase.EE_SPKI_MATCH;
    String token = send(c);

    awaitStatus(c);
    assertThat(maillog.sinceMark())
        .contains("Verified TLS connection established to " + mxHost(c) + "[" + SEALPOST + "]:"
            + sealpostPort)
        .containsPattern("to=<" + c.recipient() + ">, relay=" + Pattern.quote(mxHost(c))
            + "\\[" + Pattern.quote(SEALPOST) + "]:" + sealpostPort + ", .*status=sent");
    String arrived = Maildirs.await(sealpost.maildir(MAILBOX), token, DELIVERY_TIMEOUT,
        maillog::sinceMark);
    assertThat(arrived).contains("by " + "sender.dane-interop.test (Postfix)", "(using TLSv1.");
  }

  @Test
  void postfixRefusesAndSealpostReceivesNothingWhenTheTlsaDoesNotMatch() throws Exception { // DANE-12
    DaneCase c = DaneCase.EE_SPKI_MISMATCH;
    String token = send(c);

    awaitStatus(c);
    assertThat(maillog.sinceMark())
        .containsPattern("to=<" + c.recipient() + ">, relay=" + Pattern.quote(mxHost(c))
            + "\\[.*dsn=4\\.7\\.5, status=deferred \\(Server certificate not verified\\)")
        .contains("server certificate verification failed for " + mxHost(c) + "[" + SEALPOST
            + "]:" + sealpostPort + ": num=65:no matching DANE TLSA records")
        .doesNotContain("Verified TLS connection established to " + mxHost(c));
    assertThat(Maildirs.messages(sealpost.maildir(MAILBOX))).noneMatch(m -> m.contains(token));
    assertThat(sealpost.queued()).noneMatch(e -> InteropSealpost.content(e).contains(token));
  }

  @ParameterizedTest
  @EnumSource(DaneCase.class)
  void sealpostAndPostfixReachTheSameDaneVerdict(DaneCase c) throws Exception { // DANE-6
    String token = send(c);
    awaitStatus(c);

    DaneOutcome.Explained byPostfix =
        DaneOutcome.ofPostfix(maillog.sinceMark(), c.recipient(), mxHost(c));
    for (Resolver r : List.of(trustAd, validate)) {
      DaneOutcome.Explained bySealpost = DaneOutcome.ofSealpost(r, Domain.of(c.domain()),
          sealpostPort, chain, Clock.systemUTC());
      assertThat(bySealpost.outcome())
          .as("%s: Sealpost (%s) says %s, Postfix says %s\n--- maillog\n%s", c, r.mode(),
              bySealpost, byPostfix, maillog.sinceMark())
          .isEqualTo(byPostfix.outcome())
          .isEqualTo(c.expected());
    }
    boolean delivered = c.expected() != DaneOutcome.FAILED;
    if (delivered) {
      Maildirs.await(sealpost.maildir(MAILBOX), token, DELIVERY_TIMEOUT, maillog::sinceMark);
    } else {
      assertThat(Maildirs.messages(sealpost.maildir(MAILBOX))).noneMatch(m -> m.contains(token));
    }
  }

  private static String mxHost(DaneCase c) {
    return c.mxHost(sealpost.hostname());
  }

  /** Injects a message for the case's recipient into Postfix; returns the token it carries. */
  private static String send(DaneCase c) {
    String token = UUID.randomUUID().toString();
    PeerRun run = InteropPeers.run(Duration.ofSeconds(30), List.of(
        InteropPeers.find("swaks").orElseThrow().toString(),
        "--server", POSTFIX + ":" + postfixPort, "--helo", "client.dane-interop.test",
        "--from", "alice@dane-interop.test", "--to", c.recipient(),
        "--h-Subject", "dane " + c + " " + token, "--body", "dane interop " + token));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("<-  250 2.0.0 Ok: queued as ");
    return token;
  }

  /** Waits for Postfix's verdict on the case's recipient: sent, deferred or bounced. */
  private static void awaitStatus(DaneCase c) throws InterruptedException {
    maillog.await(Pattern.compile("to=<" + Pattern.quote(c.recipient())
        + ">, relay=.*status=(sent|deferred|bounced)"), DELIVERY_TIMEOUT);
  }
}
