package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.admin.StsPolicyDocument;
import org.sealpost.config.DnsMode;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.MtaStsPolicyConfig;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.mail.Domain;
import org.sealpost.testing.Maildirs;
import org.sealpost.tls.TestPki;

/**
 * MTA-STS between two Sealposts (issue 5 §5): the zone of {@code dest.test} is NOT signed, so its
 * MX answer is insecure; the receiver B publishes an MTA-STS policy with its own
 * {@code [mta_sts_policy]} listener (certificate for {@code mta-sts.dest.test} from the test CA),
 * the zone carries the {@code _mta-sts} TXT record with the id {@code sealpost sts record} prints,
 * and {@code mta-sts.dest.test} points at B. The sender A fetches policies from that listener's
 * port ({@code [mta_sts] port}) trusting the test CA ({@code ca_file}).
 *
 * <p>What it proves: an enforce policy that lists the MX validates an insecure MX name for
 * REQUIRETLS, and B's PKIX certificate completes the route (RT-21, RT-22, STS-14); without a
 * policy the same message bounces 5.7.10, headers only (RT-21, RT-26, RT-36); and untagged mail to
 * a domain whose enforce policy names another MX is not delivered but deferred, with the reason in
 * the log (STS-9, STS-10).
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.Random.class)
class RequireTlsOverMtaStsIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SENDER_ADDRESS = "127.0.0.152";
  private static final String RECEIVER_ADDRESS = "127.0.0.153";
  private static final String MX = "mx1.dest.test";
  private static final String POLICY_HOST = "mta-sts.dest.test";

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private final Submission message = new Submission("carol@src.test", "bob@dest.test", "sts secret");
  private DnsUniverse universe;
  private LogLines log;

  @BeforeEach
  void start() throws Exception {
    universe = DnsUniverse.start();
    log = LogLines.capture(LogLines.ATTEMPTS, LogLines.DELIVERY, LogLines.SMTPD,
        "org.sealpost.admin.StsPolicyServer", "org.sealpost.policy.mtasts.MtaStsResolver");
  }

  @AfterEach
  void stop() {
    log.close();
    universe.close();
  }

  /** B's {@code [mta_sts_policy]}: enforce, {@code mx} patterns as given, served on B's address. */
  private MtaStsPolicyConfig policy(List<String> mx) {
    TestPki.Pem web = pki.server(POLICY_HOST).writePem(dir.resolve("b-web"));
    return new MtaStsPolicyConfig(true, new InetSocketAddress(InetAddress.ofLiteral(RECEIVER_ADDRESS), 0),
        web.certificate(), web.privateKey(), MtaStsMode.ENFORCE, mx, 86_400,
        List.of(Domain.of("dest.test")), List.of());
  }

  /**
   * B: the MX of dest.test with a certificate from the test CA, offering REQUIRETLS, serving
   * {@code policy}; the insecure zone has the MX and the policy host's address, and the
   * {@code _mta-sts} record when {@code published}.
   */
  private SealpostInstance receiver(MtaStsPolicyConfig policy, boolean published) throws Exception {
    return receiver(policy, published, pki.server(MX));
  }

  /** As above, B presenting {@code certificate} on SMTP. */
  private SealpostInstance receiver(MtaStsPolicyConfig policy, boolean published, TestPki.Issued certificate)
      throws Exception {
    SealpostInstance b = SealpostInstance.builder(dir.resolve("b")).pki(pki).certificate(certificate)
        .address(RECEIVER_ADDRESS).hostname(MX).localDomain("dest.test")
        .delivery(DeliveryConfigs.local(RequireTlsMode.ENFORCE)).mtaStsPolicy(policy).start();
    var zone = universe.zone("dest.test").mx(10, MX).a(MX, RECEIVER_ADDRESS).a(POLICY_HOST, RECEIVER_ADDRESS);
    if (published) {
      // What `sealpost sts record dest.test` prints for this config (README, Hosting an MTA-STS policy).
      zone.txt("_mta-sts.dest.test", "v=STSv1; id=" + StsPolicyDocument.of(policy).id());
    }
    return b;
  }

  /** A: level dane (the default), PKIX trust in the test CA, policies fetched from B's listener. */
  private SealpostInstance sender(SealpostInstance b) throws Exception {
    universe.zone("src.test").signed().mx(10, "mx.src.test").a("mx.src.test", SENDER_ADDRESS);
    Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
    return SealpostInstance.builder(dir.resolve("a")).pki(pki).address(SENDER_ADDRESS)
        .hostname("mx.src.test").localDomain("src.test")
        .dns(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2)))
        .delivery(DeliveryConfigs.remote(port(b), ca, TlsPolicyLevel.DANE))
        .mtaSts(b.stsPolicyAddress().orElseThrow().getPort(), ca)
        .start();
  }

  private static int port(SealpostInstance b) {
    return b.address(ListenerKind.SMTP).getPort();
  }

  private String relay(SealpostInstance b) {
    return "relay=mx1\\.dest\\.test\\[127\\.0\\.0\\.153\\]:" + port(b);
  }

  @Test
  void requireTlsArrivesAtAnInsecureMxThatTheEnforcePolicyLists_RT21_RT22_STS14() throws Exception {
    try (SealpostInstance b = receiver(policy(List.of(MX)), true);
        SealpostInstance a = sender(b)) {
      String id = Messages.queueId(message.sendRequireTls(a));

      String stored = Maildirs.awaitFirst(b.maildir("bob"), WAIT, log::toString);
      log.await(Pattern.compile("^" + id + ": to=<bob@dest\\.test> " + relay(b)
          + " tls=verified-pkix requiretls=yes status=sent \\(250 "), WAIT);
      // The name was validated by the policy A fetched from B's own listener (STS-2, STS-4).
      assertThat(log.matching(Pattern.compile(
          "mta-sts: domain=dest\\.test id=\\w+ status=fetched mode=enforce .*mx=\\[mx1\\.dest\\.test\\]")))
          .hasSize(1);
      assertThat(log.matching(Pattern.compile(
          "mta-sts: host=mta-sts\\.dest\\.test path=/\\.well-known/mta-sts\\.txt status=200 method=GET "
              + ".*sni=mta-sts\\.dest\\.test"))).hasSize(1);
      assertThat(log.matching(Pattern.compile("listener=smtp .*from=<carol@src\\.test> .*requiretls=yes")))
          .hasSize(1);
      assertThat(RequireTlsOverDaneIT.firstReceived(stored))
          .contains("by mx1.dest.test (Sealpost) with ESMTPS").contains("(requiretls)");
      assertThat(stored).contains(Submission.SECRET);
    }
  }

  @Test
  void requireTlsBouncesAtAnInsecureMxWithoutAPolicy_RT21_RT26_RT36() throws Exception {
    try (SealpostInstance b = receiver(policy(List.of(MX)), false);
        SealpostInstance a = sender(b)) {
      String id = Messages.queueId(message.sendRequireTls(a));

      String bounce = Maildirs.awaitFirst(a.maildir("carol"), WAIT, log::toString);
      assertThat(bounce).contains("Status: 5.7.10").contains("text/rfc822-headers")
          .contains("Subject: sts secret").doesNotContain(Submission.SECRET);
      log.await(Pattern.compile("^" + id + ": to=<bob@dest\\.test> .*status=bounced \\("), WAIT);
      assertThat(log.matching(Pattern.compile("mta-sts: host="))).as("nothing to fetch without a record").isEmpty();
      assertThat(log.matching(Pattern.compile("listener=smtp .*from=<carol@src\\.test>"))).isEmpty();
      // RFC 8689 §4.2.1: the name is checked before a session is opened; B never saw a connection.
      assertThat(log.matching(Pattern.compile("connect from .* listener=smtp$"))).isEmpty();
      assertThat(b.queued()).isEmpty();
    }
  }

  @Test
  void untaggedMailWaitsWhenTheEnforcePolicyListsAnotherMx_STS9_STS10() throws Exception {
    try (SealpostInstance b = receiver(policy(List.of("mx.elsewhere.test")), true);
        SealpostInstance a = sender(b)) {
      String id = Messages.queueId(message.sendUntagged(a));

      String line = log.await(Pattern.compile("^" + id + ": to=<bob@dest\\.test> .*status=deferred \\(.*\\)$"),
          WAIT).group();
      assertThat(line).contains("requiretls=no").contains(MX);
      // Why, in the operator's words: the host was left out because the policy does not list it.
      String skipped = log.await(Pattern.compile("^" + id + ": host mx1\\.dest\\.test not used for this message: .*"),
          WAIT).group();
      assertThat(skipped).containsIgnoringCase("mta-sts");
      assertThat(log.matching(Pattern.compile("listener=smtp .*from=<carol@src\\.test>"))).isEmpty();
      assertThat(Maildirs.messages(b.maildir("bob"))).isEmpty();
      assertThat(a.queued()).as("kept for a retry, not bounced").hasSize(1);
      assertThat(Maildirs.messages(a.maildir("carol"))).isEmpty();
    }
  }

  @Test
  void daneDecidesWhereTheDomainPublishesBothDaneAndAnEnforcePolicy_STS12_DANE8() throws Exception {
    // B's SMTP certificate is self-signed: the enforce policy alone would refuse it (STS-8 part 2),
    // a DANE-EE record in the now signed zone vouches for it, and DANE takes precedence (README).
    TestPki.Issued selfSigned = TestPki.selfSigned(MX);
    try (SealpostInstance b = receiver(policy(List.of(MX)), true, selfSigned)) {
      universe.zone("dest.test").signed().tlsa("_" + port(b) + "._tcp." + MX, 3, 1, 1, selfSigned.leaf());
      try (SealpostInstance a = sender(b)) {
        String id = Messages.queueId(message.sendUntagged(a));

        Maildirs.awaitFirst(b.maildir("bob"), WAIT, log::toString);
        log.await(Pattern.compile("^" + id + ": to=<bob@dest\\.test> " + relay(b)
            + " tls=dane requiretls=no status=sent \\(250 "), WAIT);
        assertThat(log.matching(Pattern.compile("mta-sts: domain=dest\\.test .*status=fetched mode=enforce")))
            .as("the policy was in force, and DANE still decided").hasSize(1);
      }
    }
  }

  @Test
  void enforcePolicyAloneRefusesAReceiverWithoutAPkixCertificate_STS8_STS9() throws Exception {
    // The contrast to the test above: the same self-signed receiver, no DANE (the zone is unsigned).
    try (SealpostInstance b = receiver(policy(List.of(MX)), true, TestPki.selfSigned(MX));
        SealpostInstance a = sender(b)) {
      String id = Messages.queueId(message.sendUntagged(a));

      String line = log.await(Pattern.compile("^" + id + ": to=<bob@dest\\.test> " + relay(b)
          + " .*status=deferred \\(.*"), WAIT).group();
      assertThat(line).containsIgnoringCase("certificate");
      assertThat(log.matching(Pattern.compile("listener=smtp .*from=<carol@src\\.test>"))).isEmpty();
      assertThat(a.queued()).as("kept for a retry, not bounced").hasSize(1);
    }
  }
}
