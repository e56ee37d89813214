package org.sealpost.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reading the Maildirs that Sealpost's local delivery and test peers (Postfix's virtual(8), Exim's
 * appendfile) write. Only {@code new/} is read: nothing in a test moves mail on to {@code cur/}, and
 * a delivery agent renames a finished file into {@code new/} atomically, so a file seen there is
 * complete.
 */
public final class Maildirs {

  private Maildirs() {}

  /** Every message delivered to {@code maildir} so far (none if it does not exist yet). */
  public static List<String> messages(Path maildir) throws IOException {
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
   * Waits until a message in {@code maildir} contains {@code token} and returns it; on timeout the
   * test fails with {@code context} (the peers' logs, so the failure explains itself).
   */
  public static String await(Path maildir, String token, Duration timeout, Supplier<String> context)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<String> found =
          messages(maildir).stream().filter(m -> m.contains(token)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no message with " + token + " in " + maildir + " after "
            + timeout + "\n" + context.get());
      }
      Thread.sleep(100);
    }
  }

  /**
   * Waits for the first message in {@code maildir}; on timeout the test fails with {@code context}
   * (e.g. the delivery log lines), so that the failure explains itself.
   */
  public static String awaitFirst(Path maildir, Duration timeout, Supplier<String> context)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      List<String> found = messages(maildir);
      if (!found.isEmpty()) {
        return found.getFirst();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("nothing delivered to " + maildir + " within " + timeout + "\n" + context.get());
      }
      Thread.sleep(50);
    }
  }
}
