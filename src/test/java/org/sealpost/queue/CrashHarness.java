package org.sealpost.queue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.sealpost.mail.QueueId;

/**
 * Child process for {@link SpoolCrashIT}: commits messages from several threads as fast as it can
 * and prints {@code ACK <queueid> <sha256>} only after a commit has returned, which is the moment
 * the SMTP server would answer 250. Some drafts are aborted on purpose. The parent kills it with
 * SIGKILL at a random moment. Arguments: spool directory, thread count, seed.
 */
final class CrashHarness {

  private CrashHarness() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    long seed = Long.parseLong(args[2]);
    PrintStream out = System.out;
    Spool spool = Spool.open(dir, InstantSource.system()); // recovery runs here too
    synchronized (out) {
      out.println("READY");
      out.flush();
    }
    for (int t = 0; t < threads; t++) {
      RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed * 31 + t);
      Thread.ofPlatform().start(() -> commitForever(spool, random, out));
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void commitForever(Spool spool, RandomGenerator random, PrintStream out) {
    try {
      while (true) {
        QueueId id = QueueId.generate(InstantSource.system().instant(), random);
        int size = random.nextInt(10) == 0 ? random.nextInt(1 << 20) : random.nextInt(64 << 10);
        byte[] content = new byte[size];
        random.nextBytes(content);
        boolean abort = random.nextInt(10) == 0;
        try (Intake.Draft draft = spool.intake().begin(id)) {
          SpoolFixture.writeInChunks(draft.content(), content, random);
          if (abort) {
            continue; // close without commit
          }
          draft.commit(TestEnvelopes.minimal(id));
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        synchronized (out) {
          out.println("ACK " + id + " " + sha);
          out.flush();
        }
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(3);
    }
  }
}
