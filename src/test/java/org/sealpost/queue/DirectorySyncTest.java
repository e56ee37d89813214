package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySyncTest {

  @TempDir Path dir;

  /**
   * The group-commit invariant: no caller returns before a directory fsync has completed that
   * started after the caller's change was made. Changes are numbered; each fsync records the highest
   * change number made before it started; a caller checks a completed fsync covers its number.
   */
  @Test
  void noCallerReturnsBeforeAnFsyncThatStartedAfterItsChange() throws Exception {
    AtomicLong changes = new AtomicLong();
    AtomicLong durableUpTo = new AtomicLong();
    Storage storage = new RecordingStorage(changes, durableUpTo);
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    int callers = 64;
    int rounds = 50;
    try (DirectorySync sync = new DirectorySync(dir, storage);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        futures.add(pool.submit(() -> {
          for (int r = 0; r < rounds; r++) {
            long mine = changes.incrementAndGet(); // "link into the directory"
            sync.sync();
            if (durableUpTo.get() < mine) {
              violations.add("change " + mine + " returned before it was durable");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      assertThat(violations).isEmpty();
      // Shared: far fewer fsyncs than callers, and at least one.
      assertThat(sync.fsyncCount()).isBetween(1L, (long) callers * rounds);
    }
  }

  @Test
  void aLoneCallerPaysExactlyOneFsync() throws IOException {
    try (DirectorySync sync = new DirectorySync(dir, new DiskStorage())) {
      sync.sync();
      sync.sync();
      assertThat(sync.fsyncCount()).isEqualTo(2);
    }
  }

  /** Snapshots the change counter when an fsync starts and publishes it when the fsync ends. */
  private record RecordingStorage(AtomicLong changes, AtomicLong durableUpTo) implements Storage {
    @Override
    public void syncDirectory(FileChannel directory) throws IOException {
      long startedAfter = changes.get();
      directory.force(true);
      durableUpTo.accumulateAndGet(startedAfter, Math::max);
    }

    @Override
    public FileChannel create(Path file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void write(FileChannel channel, ByteBuffer bytes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void force(FileChannel channel) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void link(Path existing, Path target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void rename(Path from, Path to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(Path file) {
      throw new UnsupportedOperationException();
    }
  }
}
