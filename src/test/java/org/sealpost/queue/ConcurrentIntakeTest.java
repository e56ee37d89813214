package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.mail.QueueId;

class ConcurrentIntakeTest {

  @TempDir Path dir;

  /** Sessions on virtual threads commit at once, as the server does; each message stays itself. */
  @Test
  void concurrentCommitsAllLandIntactAndShareDirectoryFsyncs() throws Exception {
    int sessions = 32;
    int perSession = 8;
    Map<QueueId, String> expected = new ConcurrentHashMap<>();
    try (Spool spool = Spool.open(dir, InstantSource.fixed(Instant.EPOCH))) {
      long fsyncsBefore = spool.directoryFsyncs();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
          int session = s;
          futures.add(pool.submit(() -> {
            RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(session);
            for (int m = 0; m < perSession; m++) {
              QueueId id = QueueId.generate(Instant.ofEpochMilli(session * 1000L + m), random);
              byte[] content = new byte[random.nextInt(100_000)];
              random.nextBytes(content);
              try (Intake.Draft draft = spool.intake().begin(id)) {
                SpoolFixture.writeInChunks(draft.content(), content, random);
                draft.commit(TestEnvelopes.minimal(id));
              }
              expected.put(id, java.util.HexFormat.of().formatHex(SpoolFixture.sha256().digest(content)));
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      }
      long directoryFsyncs = spool.directoryFsyncs() - fsyncsBefore;
      List<QueueEntry> listed = spool.list();
      assertThat(listed).hasSize(sessions * perSession);
      for (QueueEntry e : listed) {
        try (var in = e.openContent()) {
          assertThat(SpoolFixture.sha256(in)).as(e.queueId().value()).isEqualTo(expected.get(e.queueId()));
        }
      }
      assertThat(directoryFsyncs).isPositive().isLessThanOrEqualTo(sessions * perSession);
    }
  }
}
