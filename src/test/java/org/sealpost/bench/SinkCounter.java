package org.sealpost.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the relay sink has accepted: a count of messages and the wall-clock time (epoch ms) of the
 * latest one. bench/relay.sh reads it from a status file, {@code count=N last_ms=T sessions=S}, rewritten by
 * rename so a reader never sees half a line; N and T come from one snapshot under the same lock-free
 * order (time first, then count), so T is never older than the N-th message.
 */
final class SinkCounter {

  private final AtomicLong count = new AtomicLong();
  private final AtomicLong lastMillis = new AtomicLong();
  private final AtomicLong sessions = new AtomicLong();

  /** Called once per connection: messages/sessions shows whether the relay reuses connections. */
  void connected() {
    sessions.incrementAndGet();
  }

  /** Called once per message after its end of data was read, before the 250 goes out. */
  void accepted() {
    lastMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
    count.incrementAndGet();
  }

  long count() {
    return count.get();
  }

  String statusLine() {
    long n = count.get();
    long t = lastMillis.get(); // read after the count: covers every message counted in n
    return "count=" + n + " last_ms=" + t + " sessions=" + sessions.get() + "\n";
  }

  void writeStatus(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, statusLine(), StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
