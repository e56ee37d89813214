package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ListenerKind;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.ClientOptions;
import org.sealpost.smtp.client.SmtpClient;

/** SEC-9 resource limits as a real client meets them: per-IP connections, idle time, session time. */
class ConnectionLimitsIT {

  @TempDir Path dir;

  @Test
  void connectionsOverThePerIpLimitGet421AndAreClosed_SEC9() throws Exception {
    try (SealpostInstance mta = SealpostInstance.builder(dir).address("127.0.0.46").maxConnectionsPerIp(2).start()) {
      ClientOptions fromA = from(mta, "127.0.0.77");
      ClientOptions fromB = from(mta, "127.0.0.78");
      try (SmtpClient first = SmtpClient.connect(mta.address(ListenerKind.SMTP), fromA);
           SmtpClient second = SmtpClient.connect(mta.address(ListenerKind.SUBMISSION), fromA)) {
        assertThat(first.greeting().code()).isEqualTo(220);
        assertThat(second.greeting().code()).isEqualTo(220);

        try (SmtpClient third = SmtpClient.connect(mta.address(ListenerKind.SMTP), fromA)) {
          assertThat(third.greeting().code()).isEqualTo(421);
          assertThat(third.greeting().status()).hasToString("4.7.0");
          assertThatThrownBy(third::readReply).as("closed after the 421").isInstanceOf(IOException.class);
        }
        // Another client address is not affected.
        try (SmtpClient other = SmtpClient.connect(mta.address(ListenerKind.SMTP), fromB)) {
          assertThat(other.greeting().code()).isEqualTo(220);
        }
        assertThat(first.quit().code()).isEqualTo(221);
      }
      // Leaving frees the slot (the session's end releases it; allow it a moment).
      Reply greeting = null;
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); System.nanoTime() < end; ) {
        try (SmtpClient again = SmtpClient.connect(mta.address(ListenerKind.SMTP), fromA)) {
          greeting = again.greeting();
        }
        if (greeting.code() == 220) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(greeting).isNotNull().extracting(Reply::code).isEqualTo(220);
    }
  }

  private static ClientOptions from(SealpostInstance mta, String loopback) throws IOException {
    ClientOptions o = mta.clientOptions();
    return new ClientOptions(o.connectTimeout(), o.readTimeout(), InetAddress.getByName(loopback));
  }

  @Test
  void idleClientsGet421AfterTheIdleTimeoutInPlaintextAndUnderTls_SEC9() throws Exception {
    Duration idle = Duration.ofSeconds(1);
    try (SealpostInstance mta = SealpostInstance.builder(dir).address("127.0.0.47").idleTimeout(idle).start()) {
      try (SmtpClient c = mta.connect(ListenerKind.SMTP)) {
        c.ehlo(SealpostInstance.CLIENT_NAME);
        assertIdleCutoff(c, idle);
      }
      try (SmtpClient c = mta.connectStartTls(ListenerKind.SMTP)) {
        assertIdleCutoff(c, idle);
      }
    }
  }

  private static void assertIdleCutoff(SmtpClient c, Duration idle) throws IOException {
    long start = System.nanoTime();
    Reply r = c.readReply(); // we send nothing: the server speaks first when it gives up
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(r.code()).as(r.toString()).isEqualTo(421);
    assertThat(r.status()).hasToString("4.4.2");
    assertThat(waited).isBetween(idle.toMillis() - 100, idle.toMillis() + 3000);
    assertThatThrownBy(c::readReply).isInstanceOf(IOException.class);
  }

  /** How a trickling client reached DATA. */
  enum Channel { PLAINTEXT, STARTTLS, IMPLICIT_TLS }

  /**
   * Session.run promises "every exit path says goodbye with a reply (221 or 421), never a silent
   * close", on every channel. The one allowed exception is a reset overtaking the 421: the server
   * closes with trickle bytes still unread, and Linux then answers with RST.
   */
  @Test
  void clientsTricklingDataGet421AtTheSessionLimitOnEveryChannel_SEC9() throws Exception {
    // Room for handshake and AUTH on a busy machine; the trickle never lets the idle timer fire.
    Duration session = Duration.ofSeconds(5);
    try (SealpostInstance mta = SealpostInstance.builder(dir).address("127.0.0.48")
        .idleTimeout(Duration.ofSeconds(2)).sessionTimeout(session).start()) {
      // The three run side by side: each session has its own deadline on the shared watchdog.
      List<CompletableFuture<String>> runs = new ArrayList<>();
      for (Channel channel : Channel.values()) {
        runs.add(CompletableFuture.supplyAsync(() -> {
          try {
            return channel + ": " + trickleUntilCut(mta, channel, session);
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        }, r -> Thread.ofVirtual().start(r)));
      }
      for (CompletableFuture<String> run : runs) {
        String outcome = run.get(30, TimeUnit.SECONDS);
        assertThat(outcome).satisfiesAnyOf(
            o -> assertThat(o).contains(": 421 4.4.2"),
            o -> assertThat(o).contains("Connection reset"));
      }
      assertThat(mta.queued()).isEmpty();
    }
  }

  /** Opens a transaction, then sends one byte of content every 300 ms; returns how it ended. */
  private static String trickleUntilCut(SealpostInstance mta, Channel channel, Duration session)
      throws Exception {
    long start = System.nanoTime();
    try (SmtpClient c = switch (channel) {
      case PLAINTEXT -> mta.connect(ListenerKind.SMTP);
      case STARTTLS -> mta.connectStartTls(ListenerKind.SMTP);
      case IMPLICIT_TLS -> mta.connectImplicitTls(ListenerKind.SUBMISSIONS);
    }) {
      c.ehlo(SealpostInstance.CLIENT_NAME);
      if (channel == Channel.IMPLICIT_TLS) {
        assertThat(c.authPlain(SealpostInstance.USER, SealpostInstance.PASSWORD).code()).isEqualTo(235);
      }
      assertThat(c.mail("slow@remote.test", List.of()).code()).isEqualTo(250);
      assertThat(c.rcpt("bob@" + SealpostInstance.LOCAL_DOMAIN, List.of()).code()).isEqualTo(250);
      c.send("DATA");
      assertThat(c.readReply().code()).isEqualTo(354);

      CompletableFuture<String> end = CompletableFuture.supplyAsync(() -> {
        try {
          return c.readReply().toString();
        } catch (IOException e) {
          return "closed: " + e;
        }
      }, r -> Thread.ofVirtual().start(r));
      // One byte every 300 ms: well inside the idle timeout, so only the session cap can stop it.
      byte[] line = "Subject: slowly\r\n".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; !end.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10); i++) {
        try {
          c.sendRaw(new byte[] {line[i % line.length]});
        } catch (IOException e) {
          break; // cut off
        }
        Thread.sleep(300);
      }
      String outcome = end.get(5, TimeUnit.SECONDS);
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(elapsed).as("%s: %s", channel, outcome).isBetween(session.toMillis(), session.toMillis() + 5000);
      return outcome;
    }
  }
}
