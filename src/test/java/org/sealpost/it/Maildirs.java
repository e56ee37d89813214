package org.sealpost.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reading what Sealpost's local delivery wrote. Only {@code new/} is read: delivery renames a
 * finished file into it (tmp, fsync, new), so a file seen there is complete, and nothing in a test
 * moves mail on to {@code cur/}.
 */
final class Maildirs {

  private Maildirs() {}

  /** Every message in {@code maildir} so far, oldest name first (none when it does not exist yet). */
  static List<String> messages(Path maildir) throws IOException {
    Path fresh = maildir.resolve("new");
    if (!Files.isDirectory(fresh)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(fresh)) {
      List<String> found = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        found.add(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
      return found;
    }
  }

  /**
   * Waits for the first message in {@code maildir}; on timeout the test fails with {@code context}
   * (e.g. the delivery log lines), so that the failure explains itself.
   */
  static String awaitFirst(Path maildir, Duration timeout, Supplier<String> context)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> found = messages(maildir);
      if (!found.isEmpty()) {
        return found.getFirst();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("nothing delivered to " + maildir + " within " + timeout + "\n" + context.get());
      }
      Thread.sleep(50);
    }
  }
}
