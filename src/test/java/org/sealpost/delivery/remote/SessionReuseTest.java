package org.sealpost.delivery.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DnsMode;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.delivery.TlsLevel;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Domain;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.DestinationPolicy;
import org.sealpost.policy.mtasts.MtaStsLookup;
import org.sealpost.smtp.Verb;
import org.sealpost.testing.FakeSmtpPeer;
import org.sealpost.testing.Rule;
import org.sealpost.testing.Transcript;
import org.sealpost.tls.TestPki;

/**
 * Session reuse and TLS resumption outbound (issue 4 §2): a session serves the next message to the
 * same hop only under an equal requirement (RT-12: a {@code TLS-Required: No} session never carries
 * a REQUIRETLS message), a dead parked session costs no message, and idle and per-session limits
 * close sessions.
 */
class SessionReuseTest {

  private static final String MX = "127.0.0.131";

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private DnsUniverse universe;
  private FakeSmtpPeer peer;
  private OutboundTls tls;
  private @Nullable RemoteDelivery delivery;
  private TlsPolicyLevel level = TlsPolicyLevel.DANE;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T08:00:00Z"));
  private InstantSource clock = InstantSource.system();

  @BeforeEach
  void start() throws IOException {
    universe = DnsUniverse.start();
    peer = FakeSmtpPeer.start(MX).certificate(pki.server("mx1.dest.test"));
    universe.zone("dest.test").signed().mx(10, "mx1.dest.test").a("mx1.dest.test", MX);
    tls = OutboundTls.create(pki.writeCaPem(dir.resolve("ca.pem")));
  }

  @AfterEach
  void stop() throws IOException {
    if (delivery != null) {
      delivery.close();
    }
    peer.close();
    universe.close();
  }

  private RemoteDelivery delivery(Duration reuseTime, int maxMessages) throws IOException {
    return delivery(reuseTime, maxMessages, null);
  }

  private RemoteDelivery delivery(Duration reuseTime, int maxMessages, @Nullable InetAddress source)
      throws IOException {
    var resolver = ResolverFactory.create(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2)), Clock.systemUTC());
    RemoteSettings settings = new RemoteSettings("sender.test", peer.port(), Duration.ofSeconds(3),
        Duration.ofSeconds(10), 2, d -> new DestinationPolicy(level, RequireTlsMode.ENFORCE),
        Set.of(Domain.of("mx.src.test")), Set.of(), null, reuseTime, maxMessages, source);
    delivery = new RemoteDelivery(resolver, MtaStsLookup.none(), tls, settings, RemoteDelivery.Redaction.none(), TlsSessionListener.none(), clock);
    return delivery;
  }

  private static OutboundMessage message(TlsRequirement tag) {
    Recipient to = Recipient.of(MailAddress.parse("bob@dest.test"));
    Envelope e = new Envelope(QueueId.generate(Instant.now()), Instant.now(),
        new ClientInfo("127.0.0.1", 1, "client.test", "submission", null, null),
        MailAddress.parse("alice@src.test"), List.of(to), BodyType.SEVEN_BIT, false, 0, null,
        Ret.NOT_GIVEN, tag, VerificationFloor.NONE);
    return new OutboundMessage(e, MessageContent.of("Subject: t\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII)));
  }

  private static DeliveryOutcome send(RemoteDelivery d, TlsRequirement tag) {
    return send(d, tag, "dest.test");
  }

  private static DeliveryOutcome send(RemoteDelivery d, TlsRequirement tag, String domain) {
    OutboundMessage m = message(tag);
    List<RecipientOutcome> out = d.deliver(m, new Destination.Remote(Domain.of(domain)), m.envelope().recipients());
    assertThat(out).hasSize(1);
    return out.getFirst().outcome();
  }

  private static long count(Transcript t, String verb) {
    return t.verbs().stream().filter(verb::equals).count();
  }

  @Test
  void twoMessagesToOneDestinationShareOneSession() throws Exception {
    RemoteDelivery d = delivery(Duration.ofSeconds(30), 100);
    assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    DeliveryOutcome second = send(d, TlsRequirement.REQUIRE_TLS);
    assertThat(second).isInstanceOf(DeliveryOutcome.Delivered.class);
    // The reused session keeps what it was judged on: verified TLS, and REQUIRETLS is still sent.
    assertThat(second.hop().tls()).isEqualTo(TlsLevel.VERIFIED_PKIX);
    assertThat(peer.takeTransaction().requireTls()).isTrue();
    assertThat(peer.takeTransaction().requireTls()).isTrue();
    assertThat(peer.connectionCount()).isEqualTo(1);
    assertThat(d.parkedSessions()).isEqualTo(1);

    d.close(); // shutdown says goodbye to parked sessions
    Transcript t = peer.takeTranscript();
    assertThat(t.ending()).isEqualTo(Transcript.Ending.QUIT);
    assertThat(count(t, "MAIL")).isEqualTo(2);
    assertThat(count(t, "RSET")).isEqualTo(1);
    assertThat(count(t, "STARTTLS")).isEqualTo(1);
    assertThat(d.parkedSessions()).isZero();
  }

  @Test
  void tlsRequiredNoSessionIsNeverUsedForRequireTls_RT12() throws Exception {
    RemoteDelivery d = delivery(Duration.ofSeconds(30), 100);
    assertThat(send(d, TlsRequirement.TLS_OPTIONAL)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(peer.connectionCount()).isEqualTo(2);
    assertThat(d.parkedSessions()).isEqualTo(2);
    // Each kind reuses its own session only.
    assertThat(send(d, TlsRequirement.TLS_OPTIONAL)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(peer.connectionCount()).isEqualTo(2);
    d.close();
    Transcript a = peer.takeTranscript();
    Transcript b = peer.takeTranscript();
    for (Transcript t : List.of(a, b)) {
      List<String> mails = t.lines().stream().filter(l -> l.startsWith("MAIL")).toList();
      assertThat(mails).hasSize(2);
      // One session carried only REQUIRETLS transactions, the other none.
      assertThat(mails.stream().map(l -> l.contains("REQUIRETLS")).distinct()).hasSize(1);
    }
  }

  @Test
  void parkedSessionRefusingRsetIsReplacedTransparently() throws Exception {
    RemoteDelivery d = delivery(Duration.ofSeconds(30), 100);
    assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    peer.enqueue(Rule.command(Verb.RSET).closeWithoutReply());
    assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(peer.connectionCount()).isEqualTo(2);
    peer.takeTransaction();
    peer.takeTransaction(); // both bodies arrived
  }

  @Test
  void sessionClosedByThePeerWhileParkedIsReplacedTransparently() throws Exception {
    peer.readTimeout(Duration.ofMillis(200));
    RemoteDelivery d = delivery(Duration.ofSeconds(30), 100);
    assertThat(send(d, TlsRequirement.UNSPECIFIED)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(peer.takeTranscript(Duration.ofSeconds(3)).ending()).isEqualTo(Transcript.Ending.TIMED_OUT);
    assertThat(d.parkedSessions()).isEqualTo(1);
    assertThat(send(d, TlsRequirement.UNSPECIFIED)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(peer.connectionCount()).isEqualTo(2);
    peer.takeTransaction();
    peer.takeTransaction(); // both bodies arrived
  }

  @Test
  void idleLimitClosesParkedSessions() throws Exception {
    RemoteDelivery d = delivery(Duration.ofMillis(150), 100);
    assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    // The background check QUITs it shortly after the limit, without any further delivery.
    Transcript t = peer.takeTranscript(Duration.ofSeconds(3));
    assertThat(t.ending()).isEqualTo(Transcript.Ending.QUIT);
    assertThat(d.parkedSessions()).isZero();
    assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(peer.connectionCount()).isEqualTo(2);
  }

  @Test
  void sessionCarriesAtMostMaxMessages() throws Exception {
    RemoteDelivery d = delivery(Duration.ofSeconds(30), 2);
    for (int i = 0; i < 3; i++) {
      assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    }
    Transcript first = peer.takeTranscript();
    assertThat(count(first, "MAIL")).isEqualTo(2);
    assertThat(first.ending()).isEqualTo(Transcript.Ending.QUIT);
    assertThat(peer.connectionCount()).isEqualTo(2);
    assertThat(d.parkedSessions()).isEqualTo(1);
  }

  @Test
  void reuseOffClosesEverySessionAfterItsTransaction() throws Exception {
    RemoteDelivery d = delivery(Duration.ZERO, 100);
    send(d, TlsRequirement.REQUIRE_TLS);
    assertThat(peer.takeTranscript().ending()).isEqualTo(Transcript.Ending.QUIT);
    assertThat(d.parkedSessions()).isZero();
  }

  @Test
  void concurrentDeliveriesNeverShareASession() throws Exception {
    peer.enqueue(Rule.command(Verb.MAIL).delay(Duration.ofMillis(300)));
    RemoteDelivery d = delivery(Duration.ofSeconds(30), 100);
    CyclicBarrier together = new CyclicBarrier(2);
    Callable<DeliveryOutcome> one = () -> {
      together.await();
      return send(d, TlsRequirement.REQUIRE_TLS);
    };
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<DeliveryOutcome> a = pool.submit(one);
      Future<DeliveryOutcome> b = pool.submit(one);
      assertThat(a.get()).isInstanceOf(DeliveryOutcome.Delivered.class);
      assertThat(b.get()).isInstanceOf(DeliveryOutcome.Delivered.class);
    }
    assertThat(peer.connectionCount()).isEqualTo(2);
    assertThat(d.parkedSessions()).isEqualTo(2);
  }

  @Test
  void newSessionResumesTlsAndStillVerifiesTheChain() throws Exception {
    RemoteDelivery d = delivery(Duration.ZERO, 1); // no session reuse: every message connects
    DeliveryOutcome first = send(d, TlsRequirement.REQUIRE_TLS);
    DeliveryOutcome second = send(d, TlsRequirement.REQUIRE_TLS);
    assertThat(peer.connectionCount()).isEqualTo(2);
    assertThat(tls.fullHandshakes()).as("the second handshake is a TLS 1.3 resumption").isEqualTo(1);
    // The resumed session still hands over the chain, so PKIX passes and REQUIRETLS goes out.
    assertThat(first.hop().tls()).isEqualTo(TlsLevel.VERIFIED_PKIX);
    assertThat(second).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(second.hop().tls()).isEqualTo(TlsLevel.VERIFIED_PKIX);
    assertThat(second.hop().requireTls()).isTrue();
  }

  @Test
  void encryptLevelSkipsTheCertificateCheckAndSaysEncrypted() throws Exception {
    level = TlsPolicyLevel.ENCRYPT;
    RemoteDelivery d = delivery(Duration.ZERO, 1);
    DeliveryOutcome o = send(d, TlsRequirement.UNSPECIFIED);
    assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class);
    // The certificate would verify, but nothing was checked: the hop says only "encrypted".
    assertThat(o.hop().tls()).isEqualTo(TlsLevel.ENCRYPTED);
    // A REQUIRETLS message under the same policy is still verified (RT-22).
    assertThat(send(d, TlsRequirement.REQUIRE_TLS).hop().tls()).isEqualTo(TlsLevel.VERIFIED_PKIX);
  }

  @Test
  void outboundConnectionsComeFromTheSourceAddress() throws Exception {
    InetAddress source = InetAddress.getByName("127.0.0.132");
    RemoteDelivery d = delivery(Duration.ZERO, 1, source);
    assertThat(send(d, TlsRequirement.UNSPECIFIED)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(peer.clientAddresses()).containsExactly(source);
  }

  @Test
  void idleLimitFollowsTheClock() throws Exception {
    clock = now::get;
    RemoteDelivery d = delivery(Duration.ofSeconds(5), 100);
    send(d, TlsRequirement.REQUIRE_TLS);
    now.set(now.get().plusSeconds(4));
    assertThat(d.closeIdleSessions()).isZero();
    assertThat(send(d, TlsRequirement.REQUIRE_TLS)).isInstanceOf(DeliveryOutcome.Delivered.class);
    assertThat(peer.connectionCount()).isEqualTo(1);
    now.set(now.get().plusSeconds(5)); // parked again after the second message: 5 s from then
    assertThat(d.closeIdleSessions()).isEqualTo(1);
    assertThat(peer.takeTranscript().ending()).isEqualTo(Transcript.Ending.QUIT);
  }

  @Test
  void anAddressThatFailedToConnectIsSkippedForAWhile_SMTP5() throws Exception {
    clock = now::get;
    universe.zone("dead.test").mx(10, "mx.dead.test").a("mx.dead.test", "127.0.0.133"); // nobody listens
    RemoteDelivery d = delivery(Duration.ofSeconds(5), 100);
    DeliveryOutcome first = send(d, TlsRequirement.UNSPECIFIED, "dead.test");
    assertThat(first).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(first.reason()).contains("cannot connect");
    DeliveryOutcome second = send(d, TlsRequirement.UNSPECIFIED, "dead.test");
    assertThat(second).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(second.reason()).contains("not tried").contains("cannot connect");
    now.set(now.get().plus(UnreachableAddresses.MEMORY));
    assertThat(send(d, TlsRequirement.UNSPECIFIED, "dead.test").reason()).doesNotContain("not tried");
  }
}
