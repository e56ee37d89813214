package org.sealpost.queue;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for one spool directory. Every committer has already fsync'd its own file and
 * linked it into the directory; what is left is one directory fsync, and one fsync makes durable
 * every entry change that finished before it started. So callers take a ticket after their change,
 * then queue on a lock: the holder fsyncs on behalf of every ticket issued so far, and those waiting
 * behind it return at once when they see their ticket covered. There is no timer and no batching
 * delay: a lone committer pays exactly one directory fsync, and under load the directory fsyncs per
 * message fall towards zero while each commit still returns only after its entry is durable.
 */
final class DirectorySync implements Closeable {

  private final Path directory;
  private final FileChannel channel;
  private final Storage storage;
  private final ReentrantLock syncing = new ReentrantLock();
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong fsyncs = new AtomicLong();
  private long covered; // written and read only while holding syncing

  DirectorySync(Path directory, Storage storage) throws IOException {
    this.directory = directory;
    this.channel = FileChannel.open(directory, StandardOpenOption.READ);
    this.storage = storage;
  }

  /** Returns once every change the caller made in this directory before calling is durable. */
  void sync() throws IOException {
    long ticket = issued.incrementAndGet();
    syncing.lock();
    try {
      if (covered >= ticket) {
        return; // an fsync that started after our change has completed
      }
      long upTo = issued.get(); // all these tickets were taken after their changes were made
      storage.syncDirectory(channel);
      fsyncs.incrementAndGet();
      covered = upTo;
    } finally {
      syncing.unlock();
    }
  }

  Path directory() {
    return directory;
  }

  /** Directory fsyncs actually issued, for the throughput harness. */
  long fsyncCount() {
    return fsyncs.get();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
