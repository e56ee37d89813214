package org.sealpost.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.sealpost.mail.QueueId;

/**
 * Measures commits per second at 1, 16 and 64 concurrent committers on virtual threads (one per
 * SMTP session, as the server runs them). Not a unit test: run it by hand, e.g.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.sealpost.queue.SpoolThroughput /var/tmp/bench 5
 * </pre>
 *
 * Modes: {@code spool} is the real intake (file fsync, link, shared directory fsync);
 * {@code naive} does the same steps with a directory fsync of its own per commit;
 * {@code naive-fdatasync} is naive with fdatasync for the file, to see whether it is any cheaper;
 * {@code naive-grouped} is naive with the shared {@link DirectorySync}, isolating what grouping buys.
 */
final class SpoolThroughput {

  private static final int MESSAGE = 4096;

  private SpoolThroughput() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> modes = args.length > 2 ? List.of(args[2].split(",")) : List.of("naive", "spool");
    for (String mode : modes) {
      for (int committers : new int[] {1, 16, 64}) {
        Path dir = Files.createTempDirectory(Files.createDirectories(base), mode + "-" + committers + "-");
        run(mode, dir, committers, seconds);
        deleteTree(dir);
      }
    }
  }

  private static void run(String mode, Path dir, int committers, int seconds) throws Exception {
    byte[] content = new byte[MESSAGE];
    RandomGenerator.getDefault().nextBytes(content);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong commits = new AtomicLong();
    try (Spool spool = Spool.open(dir, InstantSource.system());
        FileChannel activeDir = FileChannel.open(dir.resolve("active"), StandardOpenOption.READ);
        DirectorySync grouped = new DirectorySync(dir.resolve("active"), new DiskStorage())) {
      long fsyncsBefore = spool.directoryFsyncs();
      long start;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> futures = new ArrayList<>();
        start = System.nanoTime();
        for (int c = 0; c < committers; c++) {
          futures.add(pool.submit(() -> {
            RandomGenerator random = RandomGenerator.getDefault();
            while (!stop.get()) {
              QueueId id = QueueId.generate(Instant.now(), random);
              switch (mode) {
                case "spool" -> SpoolFixture.commit(spool, TestEnvelopes.minimal(id), content);
                case "naive" -> naive(dir, id, content, true, activeDir::force);
                case "naive-fdatasync" -> naive(dir, id, content, false, activeDir::force);
                case "naive-grouped" -> naive(dir, id, content, true, metadata -> grouped.sync());
                default -> throw new IllegalArgumentException(mode);
              }
              commits.incrementAndGet();
            }
            return null;
          }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> f : futures) {
          f.get();
        }
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      long n = commits.get();
      long dirFsyncs =
          switch (mode) {
            case "spool" -> spool.directoryFsyncs() - fsyncsBefore;
            case "naive-grouped" -> grouped.fsyncCount();
            default -> n;
          };
      System.out.printf(
          "%-16s committers=%3d commits=%7d  commits/s=%7.0f  dir-fsyncs/commit=%.2f%n",
          mode, committers, n, n / elapsed, n == 0 ? 0.0 : (double) dirFsyncs / n);
    }
  }

  /** The same durable steps as Intake, with one directory fsync per commit and no sharing. */
  interface DirectoryFsync {
    void force(boolean metadata) throws IOException;
  }

  private static void naive(
      Path dir, QueueId id, byte[] content, boolean fsync, DirectoryFsync directory)
      throws IOException {
    Path temp = dir.resolve("incoming").resolve(id + ".tmp");
    byte[] env = EnvelopeCodec.encode(TestEnvelopes.minimal(id));
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(content));
      ch.write(ByteBuffer.wrap(env));
      ch.write(new QueueFileTrailer(content.length, env.length, 0, 0).encode());
      ch.force(fsync);
    }
    Files.createLink(dir.resolve("active").resolve(id.value()), temp);
    directory.force(true);
    Files.delete(temp);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
