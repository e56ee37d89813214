package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.dns.universe.DnsUniverse;
import org.sealpost.queue.Spool;
import org.sealpost.smtp.client.ClientOptions;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.testing.FakeSmtpPeer;
import org.sealpost.testing.Rule;
import org.sealpost.tls.TestPki;

/**
 * A Sealpost killed with SIGKILL while a remote server holds its message mid-DATA (the reply to the
 * end of data never came) delivers the message after restart: a 250 is a promise the queue keeps
 * across crashes, at least once (RFC 5321 §6.1, SMTP-7).
 */
class DeliveryCrashIT {

  private static final String SENDER_ADDRESS = "127.0.0.140";
  private static final String PEER_ADDRESS = "127.0.0.141";

  @TempDir Path dir;

  @Test
  void messageInterruptedMidDeliveryIsDeliveredAfterRestart_SMTP7() throws Exception {
    TestPki pki = TestPki.create();
    try (DnsUniverse universe = DnsUniverse.start();
        FakeSmtpPeer peer = FakeSmtpPeer.start(PEER_ADDRESS)) {
      peer.certificate(pki.server("mx1.dest.test"));
      // The first body is taken in full and then left unanswered: the sender waits in DATA.
      peer.enqueue(Rule.endOfData().delay(Duration.ofSeconds(60)));
      universe.zone("dest.test").signed().mx(10, "mx1.dest.test").a("mx1.dest.test", PEER_ADDRESS);
      int port = freePort();
      Path config = config(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(2)), pki, port, peer.port());

      ChildSealpost first = ChildSealpost.start(config, dir.resolve("first.log"));
      try {
        submit(port);
        awaitConnection(peer);
        Thread.sleep(1500); // EHLO, STARTTLS, MAIL, RCPT and the body take well under this
      } finally {
        first.kill();
      }
      assertThat(first.log()).as("the first attempt never finished").doesNotContain("status=sent");
      Path spool = dir.resolve("data/spool");
      assertThat(Spool.inspect(spool)).as("the acknowledged message survives the kill").hasSize(1);

      ChildSealpost second = ChildSealpost.start(config, dir.resolve("second.log"));
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Spool.inspect(spool).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(Spool.inspect(spool)).as("delivered and removed after restart:\n%s", second.log()).isEmpty();
        assertThat(second.log()).contains("to=<bob@dest.test> relay=mx1.dest.test[" + PEER_ADDRESS + "]")
            .contains("status=sent");
        assertThat(peer.connectionCount()).isGreaterThanOrEqualTo(2);
      } finally {
        second.stop();
      }
    }
  }

  private static void submit(int port) throws IOException {
    try (SmtpClient c = SmtpClient.connect(new InetSocketAddress(SENDER_ADDRESS, port), ClientOptions.defaults())) {
      c.ehlo("client.src.test");
      assertThat(c.mail("alice@src.test", List.of()).code()).isEqualTo(250);
      assertThat(c.rcpt("bob@dest.test", List.of()).code()).isEqualTo(250);
      assertThat(c.data("Subject: crash\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)).code())
          .isEqualTo(250);
      c.quit();
    }
  }

  private static void awaitConnection(FakeSmtpPeer peer) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (peer.connectionCount() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(peer.connectionCount()).as("the sender connected to the peer").isPositive();
  }

  private Path config(DnsConfig dns, TestPki pki, int port, int peerPort) throws IOException {
    TestPki.Pem own = pki.server("mx.src.test").writePem(dir.resolve("tls"));
    Path ca = pki.writeCaPem(dir.resolve("ca.pem"));
    Path file = dir.resolve("sealpost.toml");
    Files.writeString(file, """
        [server]
        hostname = "mx.src.test"
        data_dir = "data"

        [[listener]]
        name = "smtp"
        kind = "smtp"
        address = "%s"
        port = %d

        [tls]
        certificate = "%s"
        private_key = "%s"
        reload_interval = "0s"

        [local]
        domains = ["src.test"]
        mailboxes = ["postmaster", "alice"]

        [dns]
        mode = "validate"
        resolvers = ["%s"]
        trust_anchor = "%s"
        timeout = "2s"

        [delivery]
        port = %d
        ca_file = "%s"
        connect_timeout = "3s"
        command_timeout = "2m"
        """.formatted(SENDER_ADDRESS, port, own.certificate(), own.privateKey(),
            dns.resolvers().getFirst(), dns.trustAnchor(), peerPort, ca));
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(SENDER_ADDRESS))) {
      return s.getLocalPort();
    }
  }
}
