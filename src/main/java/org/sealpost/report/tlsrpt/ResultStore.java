package org.sealpost.report.tlsrpt;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.delivery.TlsSessionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every outbound TLS session result, one file per UTC day ({@code results/2026-11-28.jsonl}),
 * one appended line per session ({@link ResultLine}). Reports are built by reading a whole day back
 * ({@link #day}), so nothing lives only in memory and a restart loses nothing that reached the disk.
 *
 * <p>Durability: lines are written at once but forced to disk in batches, at most
 * {@link #FLUSH_EVERY} apart (one fsync per second however busy delivery is). A crash of the machine
 * may therefore lose the results of the last second; a crash of the process alone loses nothing,
 * since written lines are in the kernel's page cache. A line torn by a crash is skipped when read.
 * A report that misses a few sessions is still a correct report of what it counts (RFC 8460 §4.1
 * asks for aggregates, not for a log).
 */
public final class ResultStore implements TlsSessionListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ResultStore.class);

  /** The longest a written result waits for fsync. */
  static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

  private static final String SUFFIX = ".jsonl";

  private final Path directory;
  private final Object lock = new Object();
  private @Nullable FileChannel channel;
  private @Nullable LocalDate channelDay;
  private boolean dirty;
  private boolean closed;
  private final @Nullable Thread flusher;

  private ResultStore(Path directory, boolean flushing) {
    this.directory = directory;
    this.flusher = flushing
        ? Thread.ofPlatform().name("tlsrpt-flush").daemon(true).unstarted(this::flushLoop)
        : null;
  }

  /** Opens (creating) the store under {@code storeDir} and starts the once-a-second fsync. */
  public static ResultStore open(Path storeDir) throws IOException {
    Path results = storeDir.resolve("results");
    Files.createDirectories(results);
    ResultStore store = new ResultStore(results, true);
    Thread flusher = store.flusher;
    if (flusher != null) {
      flusher.start();
    }
    return store;
  }

  /** A store that is only read, e.g. by {@code sealpost tlsrpt show} while the server runs. */
  public static ResultStore readOnly(Path storeDir) {
    return new ResultStore(storeDir.resolve("results"), false);
  }

  @Override
  public void sessionEnded(TlsSessionResult result) {
    byte[] line = (ResultLine.encode(result) + "\n").getBytes(StandardCharsets.UTF_8);
    LocalDate day = LocalDate.ofInstant(result.at(), ZoneOffset.UTC);
    synchronized (lock) {
      if (closed || flusher == null) {
        log.warn("tlsrpt: result dropped, store closed domain={}", result.policyDomain());
        return;
      }
      try {
        FileChannel c = channelFor(day);
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
          c.write(b);
        }
        dirty = true;
      } catch (IOException e) {
        // Delivery must not fail because reporting cannot write; the report will undercount.
        log.warn("tlsrpt: cannot record result domain={} day={}: {}", result.policyDomain(), day, e.toString());
      }
    }
  }

  private FileChannel channelFor(LocalDate day) throws IOException {
    if (channel != null && day.equals(channelDay)) {
      return channel;
    }
    if (channel != null) {
      channel.force(false);
      channel.close();
    }
    channel = FileChannel.open(file(day), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    channelDay = day;
    return channel;
  }

  private Path file(LocalDate day) {
    return directory.resolve(day + SUFFIX);
  }

  /** Forces what was written; called every {@link #FLUSH_EVERY} and on close. */
  void flush() {
    synchronized (lock) {
      if (!dirty || channel == null) {
        return;
      }
      try {
        channel.force(false);
        dirty = false;
      } catch (IOException e) {
        log.warn("tlsrpt: fsync of results day={} failed: {}", channelDay, e.toString());
      }
    }
  }

  private void flushLoop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(FLUSH_EVERY);
        flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every result recorded for {@code day} (UTC), in the order they were written. */
  public List<TlsSessionResult> results(LocalDate day) throws IOException {
    List<TlsSessionResult> out = new ArrayList<>();
    int lineNumber = 0;
    try (BufferedReader in = Files.newBufferedReader(file(day), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(ResultLine.decode(line));
        } catch (IllegalArgumentException e) {
          // A torn line from a crash, or a newer format: count what can be read.
          log.warn("tlsrpt: skipped unreadable result file={} line={}: {}", file(day), lineNumber, e.getMessage());
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    return out;
  }

  /** The results of {@code day}, counted per policy domain and policy. */
  public DayResults day(LocalDate day) throws IOException {
    return DayResults.of(day, results(day));
  }

  /**
   * Deletes the result files of days before {@code day}; returns how many. The scheduler keeps
   * {@link ReportScheduler#KEEP_DAYS} days, so {@code tlsrpt show} still has a month to look at.
   */
  public int pruneBefore(LocalDate day) throws IOException {
    int deleted = 0;
    for (LocalDate d : days()) {
      if (d.isBefore(day) && Files.deleteIfExists(file(d))) {
        deleted++;
      }
    }
    return deleted;
  }

  /** The days that have results, oldest first. */
  public SortedSet<LocalDate> days() throws IOException {
    SortedSet<LocalDate> days = new TreeSet<>();
    if (!Files.isDirectory(directory)) {
      return days;
    }
    try (var files = Files.list(directory)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          try {
            days.add(LocalDate.parse(name.substring(0, name.length() - SUFFIX.length())));
          } catch (DateTimeParseException e) {
            log.debug("tlsrpt: ignored file={} in results", f);
          }
        }
      }
    }
    return days;
  }

  @Override
  public void close() {
    if (flusher != null) {
      flusher.interrupt();
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (channel != null) {
        try {
          channel.force(false);
          channel.close();
        } catch (IOException e) {
          log.warn("tlsrpt: closing results day={} failed: {}", channelDay, e.toString());
        }
        channel = null;
      }
    }
  }
}
