package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  @Test
  void aClientTricklingDataIsCutOffAtTheSessionLimit_SEC9() throws Exception {
    Duration session = Duration.ofSeconds(2);
    try (SealpostInstance mta = SealpostInstance.builder(dir).address("127.0.0.48")
        .idleTimeout(Duration.ofSeconds(1)).sessionTimeout(session).start()) {
      long start = System.nanoTime();
      try (SmtpClient c = mta.connect(ListenerKind.SMTP)) {
        c.ehlo(SealpostInstance.CLIENT_NAME);
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
        // One byte every 300 ms: well inside the 1 s idle timeout, so only the session cap can stop it.
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
        assertThat(elapsed).as(outcome).isBetween(session.toMillis(), session.toMillis() + 3000);
        // Usually the 421 arrives; a reset (our unread trickle bytes at close) may overtake it.
        assertThat(outcome).satisfiesAnyOf(
            o -> assertThat(o).startsWith("421 4.4.2"),
            o -> assertThat(o).startsWith("closed: "));
      }
      assertThat(mta.queued()).isEmpty();
    }
  }
}
