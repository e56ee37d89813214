package org.sealpost.queue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the envelopes of every committed message, state directory by state directory. It never
 * looks in {@code incoming/}, and a state directory only ever receives whole, fsync'd files (link or
 * rename of a finished file), so no partial message can be listed. What to do with a file that is
 * not a valid queue file is the caller's choice: the owning spool moves it aside, a read-only
 * listing only warns.
 */
final class SpoolScan {

  @FunctionalInterface
  interface CorruptFileHandler {
    void corrupt(Path file, QueueState state, String reason);
  }

  private SpoolScan() {}

  static List<QueueEntry> list(SpoolLayout layout, CorruptFileHandler onCorrupt)
      throws IOException {
    List<QueueEntry> entries = new ArrayList<>();
    for (QueueState state : QueueState.values()) {
      Path dir = layout.directory(state);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path file : files) {
          if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            onCorrupt.corrupt(file, state, "not a regular file");
            continue;
          }
          try {
            entries.add(QueueFileReader.read(file, state));
          } catch (NoSuchFileException e) {
            // Moved to another state or delivered while we were listing: not an error.
          } catch (CorruptQueueFileException e) {
            onCorrupt.corrupt(file, state, e.getMessage());
          }
        }
      }
    }
    entries.sort(
        Comparator.comparing(QueueEntry::queueId).thenComparing(QueueEntry::state));
    return entries;
  }
}
