package org.sealpost.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sealpost.testing.PeerClients.MX;
import static org.sealpost.testing.PeerClients.connect;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sealpost.smtp.EsmtpParameter;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.Verb;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.tls.TestPki;

/** Transactions are recorded as sent, and scripted rules change exactly the replies they name. */
class FakeSmtpPeerTransactionTest {

  private FakeSmtpPeer peer;

  @BeforeEach
  void start() throws Exception {
    peer = FakeSmtpPeer.start(PeerClients.ADDRESS);
  }

  @AfterEach
  void stop() throws Exception {
    peer.close();
  }

  private static byte[] body(String text) {
    return text.getBytes(UTF_8);
  }

  @Test
  void recordsATlsTransactionWithParametersAndTheBodyAsOnTheWire() throws Exception { // RT-27
    TestPki pki = TestPki.create();
    peer.certificate(pki.server(MX));
    try (SmtpClient client = PeerClients.connectTls(peer, pki.clientContext())) {
      client.mail("alice@src.test", List.of("REQUIRETLS", "SIZE=40"));
      client.rcpt("bob@dest.test", List.of("NOTIFY=FAILURE"));
      client.rcpt("carol@dest.test", List.of());
      assertThat(client.data(body("Subject: t\r\n\r\n.hidden\r\nend\r\n")).code()).isEqualTo(250);
      client.quit();
    }
    Transaction t = peer.takeTransaction();
    assertThat(t.mailFrom()).isEqualTo("alice@src.test");
    assertThat(t.requireTls()).isTrue();
    assertThat(t.mailParameters().get("SIZE")).contains(new EsmtpParameter("SIZE", "40"));
    assertThat(t.acceptedRecipients()).containsExactly("bob@dest.test", "carol@dest.test");
    assertThat(t.recipients().getFirst().parameters().get("NOTIFY")).isPresent();
    assertThat(new String(t.wire(), UTF_8))
        .isEqualTo("Subject: t\r\n\r\n..hidden\r\nend\r\n.\r\n"); // still dot-stuffed
    assertThat(t.contentText()).isEqualTo("Subject: t\r\n\r\n.hidden\r\nend\r\n");
    assertThat(t.overTls()).isTrue();
    assertThat(t.chunked()).isFalse();
    assertThat(t.replies()).singleElement().extracting(Reply::code).isEqualTo(250);
    assertThat(peer.violations()).isEmpty();
  }

  @Test
  void recordsAPlaintextTransactionWithoutRequireTls() throws Exception { // RT-30
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      client.mail("", List.of());
      client.rcpt("bob@dest.test", List.of());
      client.data(body("x\r\n"));
    }
    Transaction t = peer.takeTransaction();
    assertThat(t.mailFrom()).isEmpty();
    assertThat(t.requireTls()).isFalse();
    assertThat(t.overTls()).isFalse();
  }

  @Test
  void recordsBdatChunks() throws Exception {
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      client.mail("alice@src.test", List.of());
      client.rcpt("bob@dest.test", List.of());
      assertThat(client.bdat(body("Subject: t\r\n"), false).code()).isEqualTo(250);
      assertThat(client.bdat(body("\r\n.x\r\n"), true).code()).isEqualTo(250);
    }
    Transaction t = peer.takeTransaction();
    assertThat(t.chunks()).containsExactly(12L, 6L);
    assertThat(t.contentText()).isEqualTo("Subject: t\r\n\r\n.x\r\n"); // no unstuffing in BDAT
    assertThat(t.wire()).isEqualTo(t.content());
  }

  @Test
  void enqueuedRepliesReplaceTheDefaultsOnce() throws Exception {
    peer.enqueue(Rule.command(Verb.MAIL).reply(451, "4.3.0", "Try again later"))
        .enqueue(Rule.rcpt("gone@dest.test").reply(550, "5.1.1", "No such user"))
        .enqueue(Rule.endOfData().reply(552, "5.3.4", "Too big for us"));
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      assertThat(client.mail("a@src.test", List.of()).code()).isEqualTo(451);
      assertThat(client.rcpt("bob@dest.test", List.of()).code()).isEqualTo(503); // no MAIL
      assertThat(client.mail("a@src.test", List.of()).code()).isEqualTo(250);
      assertThat(client.rcpt("GONE@dest.test", List.of()))
          .isEqualTo(Reply.of(550, "5.1.1", "No such user"));
      assertThat(client.rcpt("bob@dest.test", List.of()).code()).isEqualTo(250);
      assertThat(client.data(body("x\r\n"))).isEqualTo(Reply.of(552, "5.3.4", "Too big for us"));
    }
    Transaction t = peer.takeTransaction();
    assertThat(t.acceptedRecipients()).containsExactly("bob@dest.test");
    assertThat(t.recipients()).extracting(r -> r.reply().code()).containsExactly(550, 250);
    assertThat(t.replies()).extracting(Reply::code).containsExactly(552);
  }

  @Test
  void dropsTheConnectionMidData() throws Exception {
    peer.enqueue(Rule.dropDuringData(10));
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      client.mail("a@src.test", List.of());
      client.rcpt("bob@dest.test", List.of());
      assertThatThrownBy(() -> client.data(body("x".repeat(900) + "\r\n")))
          .isInstanceOf(IOException.class);
    }
    Transcript t = peer.takeTranscript();
    assertThat(t.ending()).isEqualTo(Transcript.Ending.PEER_CLOSED);
    assertThat(t.verbs()).endsWith("DATA");
    assertThat(peer.transactionCount()).isZero();
  }

  @Test
  void delaysAReplyPastTheClientsTimeout() throws Exception {
    peer.enqueue(Rule.command(Verb.NOOP).delay(Duration.ofMillis(300)))
        .enqueue(Rule.command(Verb.MAIL).delay(Duration.ofSeconds(5)));
    try (SmtpClient client = SmtpClient.connect(peer.address(),
        PeerClients.options().withReadTimeout(Duration.ofMillis(600)))) {
      client.ehlo("client.src.test");
      long start = System.nanoTime();
      assertThat(client.noop().code()).isEqualTo(250);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
          Duration.ofMillis(300));
      assertThatThrownBy(() -> client.mail("a@src.test", List.of()))
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void closesRightAfterTheGreetingOnceThenServesNormally() throws Exception {
    peer.enqueue(Rule.greeting().thenClose());
    try (SmtpClient first = connect(peer)) {
      assertThat(first.greeting().code()).isEqualTo(220);
      assertThatThrownBy(() -> first.ehlo("client.src.test")).isInstanceOf(IOException.class);
    }
    try (SmtpClient second = connect(peer)) {
      assertThat(second.ehlo("client.src.test").accepted()).isTrue();
    }
    assertThat(peer.takeTranscript().ending()).isEqualTo(Transcript.Ending.PEER_CLOSED);
    assertThat(peer.connectionCount()).isEqualTo(2);
  }

  @Test
  void refusedGreetingLeavesOnlyQuit() throws Exception { // RFC 5321 §3.1
    peer.greeting(Reply.of(554, "5.3.2", "No service"));
    try (SmtpClient client = connect(peer)) {
      assertThat(client.greeting().code()).isEqualTo(554);
      assertThat(client.ehlo("client.src.test").accepted()).isFalse();
      assertThat(client.quit().code()).isEqualTo(221);
    }
    assertThat(peer.takeTranscript().ending()).isEqualTo(Transcript.Ending.QUIT);
  }

  @Test
  void alwaysRulesApplyToEveryConnection() throws Exception {
    peer.greeting(Reply.of(220, "custom.fake.test ready"))
        .enqueue(Rule.command(Verb.MAIL).reply(421, "4.3.2", "Shutting down").always());
    for (int i = 0; i < 2; i++) {
      try (SmtpClient client = connect(peer)) {
        assertThat(client.greeting().text()).isEqualTo("custom.fake.test ready");
        client.ehlo("client.src.test");
        assertThat(client.mail("a@src.test", List.of()).code()).isEqualTo(421);
      }
    }
  }

  @Test
  void acceptsAuthWhenOfferedAndKeepsItInTheTranscript() throws Exception { // smart-host fixture
    peer.ehloBeforeTls("AUTH PLAIN LOGIN", "PIPELINING");
    try (SmtpClient client = connect(peer)) {
      client.ehlo("client.src.test");
      assertThat(client.authLogin("relay", "secret").code()).isEqualTo(235);
      assertThat(client.authPlain("relay", "secret").code()).isEqualTo(235);
    }
    assertThat(peer.takeTranscript().lines()).containsExactly("EHLO client.src.test",
        "AUTH LOGIN", "cmVsYXk=", "c2VjcmV0", "AUTH PLAIN AHJlbGF5AHNlY3JldA==");
  }

  @Test
  void heloOnlyPeerMakesTheClientFallBack() throws Exception {
    peer.dialect(Dialect.HELO_ONLY);
    try (SmtpClient client = connect(peer)) {
      assertThat(client.ehlo("client.src.test").esmtp()).isFalse();
      assertThat(client.extensions().accepted()).isTrue();
      assertThat(client.mail("a@src.test", List.of("REQUIRETLS")).code()).isEqualTo(555);
    }
    Transcript t = peer.takeTranscript();
    assertThat(t.verbs()).containsExactly("EHLO", "HELO", "MAIL");
    assertThat(t.violations()).extracting(Violation::kind)
        .containsExactly(Violation.Kind.UNADVERTISED_EXTENSION);
  }

  @Test
  void lmtpRepliesOncePerAcceptedRecipient() throws Exception {
    peer.dialect(Dialect.LMTP)
        .enqueue(Rule.endOfData("carol@dest.test").reply(452, "4.2.2", "Mailbox full"));
    try (SmtpClient client = connect(peer)) {
      assertThat(client.ehlo("client.src.test").accepted()).isFalse(); // LMTP: LHLO only
      assertThat(client.lhlo("client.src.test").accepted()).isTrue();
      client.mail("a@src.test", List.of());
      client.rcpt("bob@dest.test", List.of());
      client.rcpt("carol@dest.test", List.of());
      List<Reply> replies = client.lmtpData(new java.io.ByteArrayInputStream(body("x\r\n")), 2);
      assertThat(replies).extracting(Reply::code).containsExactly(250, 452);
    }
    assertThat(peer.takeTransaction().replies()).extracting(Reply::code).containsExactly(250, 452);
  }

  @Test
  void servesConnectionsConcurrently() throws Exception {
    int n = 4;
    CyclicBarrier allOpen = new CyclicBarrier(n);
    List<CompletableFuture<Integer>> done = new ArrayList<>();
    ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    for (int i = 0; i < n; i++) {
      String sender = "s" + i + "@src.test";
      done.add(CompletableFuture.supplyAsync(() -> {
        try (SmtpClient client = connect(peer)) {
          allOpen.await(5, TimeUnit.SECONDS); // every connection is open before any sends mail
          client.ehlo("client.src.test");
          client.mail(sender, List.of());
          client.rcpt("bob@dest.test", List.of());
          return client.data(body("x\r\n")).code();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, clients));
    }
    clients.shutdown();
    for (CompletableFuture<Integer> f : done) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(250);
    }
    List<String> senders = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      senders.add(peer.takeTransaction().mailFrom());
    }
    assertThat(senders).containsExactlyInAnyOrder("s0@src.test", "s1@src.test", "s2@src.test",
        "s3@src.test");
  }
}
