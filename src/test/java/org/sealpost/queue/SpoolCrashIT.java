package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP-7 under crashes: a child JVM commits messages from four threads and prints an ACK after each
 * commit returns; we SIGKILL it at random moments, six times over one spool. After each kill: a
 * read-only listing shows only whole messages, recovery removes the drafts the kill left behind,
 * and every acknowledged message is listed with exactly the content that was acknowledged.
 *
 * <p>SIGKILL ends the process, not the machine: it proves the protocol (nothing visible before it
 * is whole, nothing acknowledged before it is linked), while the fsyncs that protect against power
 * loss are proven by design and by the storage-failure tests, not here.
 */
class SpoolCrashIT {

  private static final int RUNS = 6;

  @TempDir Path dir;

  @Test
  void killedWriterNeverLosesAnAcknowledgedMessageNorShowsAPartialOne() throws Exception {
    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, String> acked = new HashMap<>();
    int leftoversRemoved = 0;
    for (int run = 0; run < RUNS; run++) {
      Map<String, String> ackedThisRun = runAndKill(seed + run, 150 + random.nextInt(500));
      acked.putAll(ackedThisRun);

      // Before recovery: whatever a listing shows is whole and checksummed.
      List<QueueEntry> visible = Spool.inspect(dir);
      assertThat(SpoolFixture.names(dir.resolve("active"))).as("seed %d run %d", seed, run)
          .hasSize(visible.size());
      for (QueueEntry e : visible) {
        try (InputStream in = e.openContent()) {
          SpoolFixture.sha256(in); // throws CorruptQueueFileException on a partial file
        }
      }
      int leftovers = SpoolFixture.names(dir.resolve("incoming")).size();
      leftoversRemoved += leftovers;

      try (Spool spool = Spool.open(dir, InstantSource.system())) {
        assertThat(SpoolFixture.names(dir.resolve("incoming"))).isEmpty();
        assertThat(SpoolFixture.names(dir.resolve("corrupt"))).isEmpty();
        Map<String, QueueEntry> listed = new HashMap<>();
        for (QueueEntry e : spool.list()) {
          listed.put(e.queueId().value(), e);
        }
        for (Map.Entry<String, String> ack : acked.entrySet()) {
          QueueEntry e = listed.get(ack.getKey());
          assertThat(e).as("seed %d run %d: acknowledged %s is listed", seed, run, ack.getKey()).isNotNull();
          try (InputStream in = e.openContent()) {
            assertThat(SpoolFixture.sha256(in)).as("content of %s", ack.getKey()).isEqualTo(ack.getValue());
          }
        }
      }
    }
    assertThat(acked).as("seed %d: the harness acknowledged messages", seed).isNotEmpty();
    assertThat(leftoversRemoved).as("seed %d: kills interrupted drafts", seed).isPositive();
  }

  private Map<String, String> runAndKill(long seed, int millis) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=org/sealpost/queue/logback-harness.xml",
                CrashHarness.class.getName(), dir.toString(), "4", Long.toString(seed))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, String> acked = new ConcurrentHashMap<>();
    CountDownLatch ready = new CountDownLatch(1);
    Thread reader = Thread.ofPlatform().start(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.equals("READY")) {
            ready.countDown();
          } else if (line.startsWith("ACK ")) {
            String[] parts = line.split(" ");
            if (parts.length == 3) { // a line cut by the kill was never a full acknowledgement
              acked.put(parts[1], parts[2]);
            }
          }
        }
      } catch (IOException e) {
        // the pipe closes when the child dies
      }
    });
    try {
      assertThat(ready.await(20, TimeUnit.SECONDS)).as("harness started").isTrue();
      Thread.sleep(millis);
      assertThat(child.isAlive()).as("harness still running").isTrue();
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux
      child.waitFor();
    }
    reader.join();
    return acked;
  }
}
