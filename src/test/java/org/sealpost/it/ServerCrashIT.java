package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.Spool;
import org.sealpost.smtp.client.ClientOptions;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.tls.TestPki;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP-7 for the whole server: {@code sealpost serve} in a child JVM takes messages from four
 * clients (plaintext, and verified STARTTLS with REQUIRETLS) and is SIGKILLed at a random moment,
 * five times, each time restarted on the same spool and port. Meanwhile and after each kill, a
 * read-only listing only ever shows whole messages; each restart logs the removal of exactly the
 * drafts the kill left in {@code incoming/} (the last recovery runs in this JVM); at the end every
 * message that got {@code 250} is in the spool exactly once, with the body the client sent and the
 * TLS tag it asked for.
 *
 * <p>The queue-level crash test ({@code queue.SpoolCrashIT}) proves the spool protocol alone; this
 * one proves that the server's 250 really waits for it.
 */
class ServerCrashIT {

  private static final Logger log = LoggerFactory.getLogger(ServerCrashIT.class);
  private static final int KILLS = 5;
  private static final String ADDRESS = "127.0.0.51";

  @TempDir Path dir;
  private long seed;
  private Path spool = Path.of("unset");

  @Test
  void sigkilledServerKeepsEveryAcknowledgedMessageAndNeverListsAPartialOne_SMTP7() throws Exception {
    seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    TestPki pki = TestPki.create();
    TestPki.Pem pem = pki.server(SealpostInstance.HOSTNAME).writePem(dir.resolve("tls"));
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ADDRESS), freePort());
    Path config = Files.writeString(dir.resolve("sealpost.toml"), config(address, pem));
    spool = dir.resolve("data").resolve("spool");
    CrashLoad load = new CrashLoad(address, pki.clientContext(), seed);

    long started = System.nanoTime();
    int draftsLeft = 0;
    int draftsTotal = 0;
    int listings = 0;
    for (int run = 0; run < KILLS; run++) {
      long t0 = System.nanoTime();
      ChildSealpost child = ChildSealpost.start(config, dir.resolve("run-" + run + ".log"));
      ListingWatcher watcher = null;
      try {
        long t1 = System.nanoTime();
        // Recovery removed exactly what the last kill left behind, and said so.
        String startLog = child.log();
        assertThat(count(startLog, "removed unacknowledged draft")).as("seed %d run %d", seed, run).isEqualTo(draftsLeft);
        assertThat(startLog).contains("removed_drafts=" + draftsLeft);
        assertThat(names(spool.resolve("incoming"))).isEmpty();

        warmUp(address, pki);
        long t2 = System.nanoTime();
        int ackedBefore = load.acked().size();
        load.start(4);
        watcher = new ListingWatcher(spool);
        // The kill lands 200-800 ms into a running load, not into the child's JIT warm-up.
        awaitMoreAcks(load, ackedBefore);
        long t3 = System.nanoTime();
        int killAfter = 200 + random.nextInt(601);
        Thread.sleep(killAfter);
        assertThat(child.alive()).as("seed %d run %d: server still running", seed, run).isTrue();
        child.kill();
        listings += watcher.stop();
        watcher = null;
        load.stop();
        assertThat(child.log()).doesNotContain(" ERROR ");

        draftsLeft = checkAfterKill(run);
        draftsTotal += draftsLeft;
        log.info("run={} start_ms={} warmup_ms={} first_ack_ms={} kill_after_ms={} acked={} drafts_left={}",
            run, millis(t1 - t0), millis(t2 - t1), millis(t3 - t2), killAfter,
            load.acked().size() - ackedBefore, draftsLeft);
      } finally {
        child.kill(); // no-op after the planned kill; on a failed assertion, no orphan server
        load.stop();
        if (watcher != null) {
          watcher.abandon();
        }
      }
    }
    // The last recovery runs here (a sixth child start would prove nothing new, at 1-2 s of CPU).
    try (Spool recovered = Spool.open(spool, InstantSource.system())) {
      assertThat(names(spool.resolve("incoming"))).isEmpty();
      assertThat(names(spool.resolve("corrupt"))).as("seed %d: nothing was corrupt", seed).isEmpty();
      assertThat(recovered.list()).hasSameSizeAs(Spool.inspect(spool));
    }
    List<QueueEntry> queued = checkEveryAcknowledgedMessageIsKept(load);

    Map<String, CrashLoad.Ack> acked = load.acked();
    log.info("seed={} kills={} seconds={} acked={} requiretls={} listed={} drafts_removed={} listings_during_load={}",
        seed, KILLS, millis(System.nanoTime() - started) / 1000, acked.size(),
        acked.values().stream().filter(CrashLoad.Ack::requireTls).count(), queued.size(), draftsTotal, listings);
    assertThat(acked).as("seed %d: the clients got acknowledgements", seed).hasSizeGreaterThan(KILLS);
    assertThat(acked.values()).anyMatch(CrashLoad.Ack::requireTls).anyMatch(a -> !a.requireTls());
    assertThat(listings).as("listings taken during the load").isPositive();
    assertThat(draftsTotal).as("seed %d: kills interrupted messages in flight", seed).isPositive();
  }

  /** Right after a kill, before any recovery, only whole messages are listed; returns the drafts left. */
  private int checkAfterKill(int run) throws IOException {
    List<QueueEntry> visible = Spool.inspect(spool);
    assertThat(names(spool.resolve("active"))).as("seed %d run %d", seed, run).hasSize(visible.size());
    visible.forEach(ServerCrashIT::readWhole);
    return names(spool.resolve("incoming")).size();
  }

  /** Every 250 is in the spool once, with its body and TLS tag; nothing listed is foreign. */
  private List<QueueEntry> checkEveryAcknowledgedMessageIsKept(CrashLoad load) throws IOException {
    List<QueueEntry> queued = Spool.inspect(spool);
    Map<String, QueueEntry> byId = new HashMap<>();
    for (QueueEntry e : queued) {
      assertThat(byId.put(e.queueId().value(), e)).as("seed %d: %s listed once", seed, e.queueId()).isNull();
      byte[] body = Messages.afterReceived(Messages.content(e));
      assertThat(load.sent()).as("seed %d: %s holds a body a client sent", seed, e.queueId())
          .contains(Messages.sha256(body));
    }
    for (Map.Entry<String, CrashLoad.Ack> ack : load.acked().entrySet()) {
      QueueEntry e = byId.get(ack.getKey());
      assertThat(e).as("seed %d: acknowledged %s is in the spool", seed, ack.getKey()).isNotNull();
      assertThat(Messages.sha256(Messages.afterReceived(Messages.content(e))))
          .as("seed %d: body of %s", seed, ack.getKey()).isEqualTo(ack.getValue().sha256());
      assertThat(e.envelope().tlsRequirement()).as("seed %d: tag of %s", seed, ack.getKey()).isEqualTo(
          ack.getValue().requireTls() ? TlsRequirement.REQUIRE_TLS : TlsRequirement.UNSPECIFIED);
    }
    return queued;
  }

  /** One verified STARTTLS session, so the first handshakes of the load do not eat its time. */
  private static void warmUp(InetSocketAddress address, TestPki pki) throws IOException {
    try (SmtpClient c = SmtpClient.connect(address, ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10)))) {
      c.ehlo(SealpostInstance.CLIENT_NAME);
      c.startTls(pki.clientContext(), SealpostInstance.verifyingParameters(), SealpostInstance.HOSTNAME);
      assertThat(c.ehlo(SealpostInstance.CLIENT_NAME).has("REQUIRETLS")).isTrue();
      c.quit();
    }
  }

  private static void awaitMoreAcks(CrashLoad load, int before) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (load.acked().size() <= before && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }

  /** Lists and reads the spool in a loop while the server runs; any partial message fails the test. */
  private static final class ListingWatcher {
    private final Thread thread;
    private final AtomicInteger listings = new AtomicInteger();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    ListingWatcher(Path spool) {
      thread = Thread.ofPlatform().name("listing-watcher").start(() -> {
        while (!stopped) {
          try {
            Spool.inspect(spool).forEach(ServerCrashIT::readWhole);
            listings.incrementAndGet();
            Thread.sleep(10); // leave the two cores to the server and its clients
          } catch (IOException | RuntimeException | AssertionError e) {
            failure.compareAndSet(null, e);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }

    /** Stops it; throws if any listing was not whole. Returns the number of listings taken. */
    int stop() throws InterruptedException {
      abandon();
      Throwable t = failure.get();
      if (t != null) {
        throw new AssertionError("a listing showed a partial message", t);
      }
      return listings.get();
    }

    /** Stops it without judging (the test failed already). */
    void abandon() throws InterruptedException {
      stopped = true;
      thread.join();
    }
  }

  /** Reads the whole content; the spool's reader checks length and CRC-32C at the end. */
  private static void readWhole(QueueEntry e) {
    try (InputStream in = e.openContent()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException x) {
      throw new AssertionError("listed message " + e.queueId() + " cannot be read whole", x);
    }
  }

  private static String config(InetSocketAddress address, TestPki.Pem pem) {
    return """
        [server]
        hostname = "%s"
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
        domains = ["%s"]
        mailboxes = ["postmaster", "bob"]

        [dns]
        mode = "off"

        # Accept and keep: the test inspects the spool after each kill.
        [delivery]
        enabled = false
        """.formatted(SealpostInstance.HOSTNAME, ADDRESS, address.getPort(), pem.certificate(),
            pem.privateKey(), SealpostInstance.LOCAL_DOMAIN);
  }

  /** A port that was free a moment ago on our address; the child binds it for every run. */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
      return s.getLocalPort();
    }
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static List<Path> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
