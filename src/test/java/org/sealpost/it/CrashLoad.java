package org.sealpost.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.ClientOptions;
import org.sealpost.smtp.client.SmtpClient;

/**
 * Client threads that keep sending messages to one server until stopped: every other session uses
 * verified STARTTLS and REQUIRETLS. Each body is sent in two writes with a short pause between, so
 * a kill often lands while the server holds an unfinished draft. Records every message the server
 * acknowledged with 250 (queue id, SHA-256 of the body sent, whether REQUIRETLS was asked) and the
 * hash of every body it ever sent.
 */
final class CrashLoad {

  /** What the server promised to keep (RFC 5321 §6.1). */
  record Ack(String sha256, boolean requireTls) {}

  private final InetSocketAddress server;
  private final SSLContext tls;
  private final SplittableRandom seeds;
  private final Map<String, Ack> acked = new ConcurrentHashMap<>();
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;

  CrashLoad(InetSocketAddress server, SSLContext tls, long seed) {
    this.server = server;
    this.tls = tls;
    this.seeds = new SplittableRandom(seed);
  }

  void start(int clients) {
    stopped = false;
    threads.clear();
    for (int i = 0; i < clients; i++) {
      SplittableRandom random = seeds.split();
      threads.add(Thread.ofPlatform().name("crash-load-" + i).start(() -> run(random)));
    }
  }

  /** Stops the clients (after the server died, their connections fail at once). */
  void stop() throws InterruptedException {
    stopped = true;
    for (Thread t : threads) {
      t.join();
    }
  }

  Map<String, Ack> acked() {
    return Map.copyOf(acked);
  }

  Set<String> sent() {
    return Set.copyOf(sent);
  }

  private void run(SplittableRandom random) {
    ClientOptions options = new ClientOptions(Duration.ofSeconds(2), Duration.ofSeconds(5), null);
    while (!stopped) {
      boolean secure = random.nextBoolean();
      try (SmtpClient c = SmtpClient.connect(server, options)) {
        c.ehlo(SealpostInstance.CLIENT_NAME);
        if (secure) {
          c.startTls(tls, SealpostInstance.verifyingParameters(), SealpostInstance.HOSTNAME);
          c.ehlo(SealpostInstance.CLIENT_NAME);
        }
        for (int n = 0; n < 5 && !stopped; n++) {
          send(c, secure, random);
        }
        c.quit();
      } catch (IOException e) {
        pause(20); // the server is being killed or restarted
      }
    }
  }

  private void send(SmtpClient c, boolean requireTls, SplittableRandom random) throws IOException {
    if (c.mail("load@remote.test", requireTls ? List.of("REQUIRETLS") : List.of()).code() != 250
        || c.rcpt("bob@" + SealpostInstance.LOCAL_DOMAIN, List.of()).code() != 250) {
      c.rset();
      return;
    }
    byte[] body = body(random);
    String sha = Messages.sha256(body);
    c.send("DATA");
    if (c.readReply().code() != 354) {
      return;
    }
    sent.add(sha);
    int half = body.length / 2;
    c.sendRaw(Arrays.copyOfRange(body, 0, half));
    pause(random.nextInt(15));
    // The body has CRLF line ends and no line starting with a dot: no stuffing needed.
    c.sendRaw(concat(Arrays.copyOfRange(body, half, body.length), ".\r\n"));
    Reply r = c.readReply();
    if (r.code() == 250) {
      acked.put(Messages.queueId(r), new Ack(sha, requireTls));
    }
  }

  /** A message of 1 to 64 KiB in lines of 76 letters and digits. */
  private static byte[] body(SplittableRandom random) {
    StringBuilder b = new StringBuilder("Subject: crash load ").append(random.nextLong()).append("\r\n\r\n");
    int lines = 14 + random.nextInt(827);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < lines; i++) {
      for (int j = 0; j < 76; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      b.append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, String tail) {
    byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(a, a.length + t.length);
    System.arraycopy(t, 0, out, a.length, t.length);
    return out;
  }

  private static void pause(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
