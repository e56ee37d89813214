package org.sealpost.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sealpost.mail.QueueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool: a directory owned by one Sealpost process (it holds {@code lock}), with one
 * sub-directory per {@link QueueState}. Opening it recovers from a crash: drafts that were never
 * acknowledged are deleted and files that are not valid queue files are moved to {@code corrupt/},
 * each with a log line. All methods are safe to call from many threads.
 */
public final class Spool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Spool.class);

  private final SpoolLayout layout;
  private final Storage storage;
  private final InstantSource clock;
  private final FileLock lock;
  private final Map<QueueState, DirectorySync> states = new EnumMap<>(QueueState.class);
  private final DirectorySync incoming;
  private final DirectorySync corrupt;
  private final StatusStore statuses;
  private final Intake intake;

  private Spool(SpoolLayout layout, Storage storage, InstantSource clock, FileLock lock)
      throws IOException {
    this.layout = layout;
    this.storage = storage;
    this.clock = clock;
    this.lock = lock;
    for (QueueState state : QueueState.values()) {
      states.put(state, new DirectorySync(layout.directory(state), storage));
    }
    this.incoming = new DirectorySync(layout.incoming(), storage);
    this.corrupt = new DirectorySync(layout.corrupt(), storage);
    this.statuses = new StatusStore(layout, storage, new DirectorySync(layout.status(), storage));
    this.intake = new Intake(layout, storage, states.get(QueueState.ACTIVE));
  }

  /**
   * Opens (creating if needed) the spool at {@code directory} and recovers it. Fails if another
   * process has it open.
   */
  public static Spool open(Path directory, InstantSource clock) throws IOException {
    return open(directory, clock, new DiskStorage());
  }

  static Spool open(Path directory, InstantSource clock, Storage storage) throws IOException {
    SpoolLayout layout = new SpoolLayout(directory.toAbsolutePath());
    createDirectories(layout, storage);
    FileChannel lockChannel =
        FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new IOException("spool " + layout.root() + " is in use by another Sealpost process");
    }
    Spool spool = null;
    try {
      spool = new Spool(layout, storage, clock, lock);
      spool.recover();
      return spool;
    } catch (IOException | RuntimeException e) {
      if (spool != null) {
        spool.close();
      } else {
        lockChannel.close();
      }
      throw e;
    }
  }

  /**
   * Lists the spool at {@code directory} without owning it, for {@code sealpost queue list} while
   * the server runs: takes no lock, changes nothing, and skips invalid files with a warning.
   */
  public static List<QueueEntry> inspect(Path directory) throws IOException {
    SpoolLayout layout = new SpoolLayout(directory.toAbsolutePath());
    if (!Files.isDirectory(layout.root())) {
      throw new NoSuchFileException(layout.root().toString(), null, "no spool directory");
    }
    return SpoolScan.list(
        layout,
        (file, state, reason) ->
            log.warn("{}: invalid queue file skipped file={} reason=\"{}\"",
                label(file), layout.relative(file), reason));
  }

  /**
   * The delivery status record of a message in the spool at {@code directory}, read without owning
   * the spool (for {@code sealpost queue list}); empty when there is none or it cannot be read.
   */
  public static Optional<DeliveryStatus> inspectStatus(Path directory, QueueId id) {
    SpoolLayout layout = new SpoolLayout(directory.toAbsolutePath());
    try {
      return StatusStore.read(layout.statusFile(id));
    } catch (IOException e) {
      log.warn("{}: status record unreadable, skipped reason=\"{}\"", id, e.getMessage());
      return Optional.empty();
    }
  }

  public Intake intake() {
    return intake;
  }

  StatusStore statuses() {
    return statuses;
  }

  public Path directory() {
    return layout.root();
  }

  /** Every committed message in every state, in queue id (arrival) order. */
  public List<QueueEntry> list() throws IOException {
    return SpoolScan.list(layout, this::quarantine);
  }

  /** The message with this queue id, in whatever state it is. */
  public Optional<QueueEntry> find(QueueId id) throws IOException {
    for (QueueState state : QueueState.values()) {
      Path file = layout.file(state, id);
      try {
        return Optional.of(QueueFileReader.read(file, state));
      } catch (NoSuchFileException e) {
        // not in this state
      } catch (CorruptQueueFileException e) {
        quarantine(file, state, e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Moves a message to another state with one atomic rename, then fsyncs the target directory
   * (the new name is durable) and the source directory (the old one is gone). A crash in between
   * leaves the message in exactly one of the two states.
   */
  public QueueEntry move(QueueEntry entry, QueueState to) throws IOException {
    if (entry.state() == to) {
      return entry;
    }
    Path target = layout.file(to, entry.queueId());
    if (Files.exists(target)) {
      // rename(2) would replace it: refuse rather than lose a message.
      throw new FileAlreadyExistsException(layout.relative(target));
    }
    storage.rename(entry.file(), target);
    states.get(to).sync();
    states.get(entry.state()).sync();
    log.info("{}: moved from={} to={}", entry.queueId(), entry.state().code(), to.code());
    return entry.movedTo(to, target);
  }

  /**
   * Deletes a message for good (all recipients done). The removal is not forced to disk: a crash
   * that undoes it brings the message back, and it is delivered again (at least once, never lost),
   * as Postfix does; forcing it cost a directory fsync per message.
   */
  public void remove(QueueEntry entry) throws IOException {
    storage.delete(entry.file());
    log.info("{}: removed from={}", entry.queueId(), entry.state().code());
  }

  @Override
  public void close() throws IOException {
    for (DirectorySync sync : states.values()) {
      sync.close();
    }
    incoming.close();
    corrupt.close();
    statuses.directory().close();
    lock.channel().close(); // releases the lock
  }

  /** Directory fsyncs issued so far, summed over directories; for the throughput harness. */
  long directoryFsyncs() {
    long n = incoming.fsyncCount() + corrupt.fsyncCount();
    for (DirectorySync sync : states.values()) {
      n += sync.fsyncCount();
    }
    return n;
  }

  private void recover() throws IOException {
    int drafts = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.incoming())) {
      for (Path file : files) {
        storage.delete(file);
        drafts++;
        log.info("{}: removed unacknowledged draft file={}", label(file), layout.relative(file));
      }
    }
    if (drafts > 0) {
      incoming.sync();
    }
    List<QueueEntry> entries = list(); // moves invalid files aside
    int orphans = removeStatusOrphans(entries);
    Map<QueueState, Integer> counts = new EnumMap<>(QueueState.class);
    for (QueueEntry e : entries) {
      counts.merge(e.state(), 1, Integer::sum);
    }
    log.info(
        "spool: opened dir={} active={} deferred={} hold={} removed_drafts={} removed_status={}",
        layout.root(),
        counts.getOrDefault(QueueState.ACTIVE, 0),
        counts.getOrDefault(QueueState.DEFERRED, 0),
        counts.getOrDefault(QueueState.HOLD, 0),
        drafts,
        orphans);
  }

  /**
   * Deletes status records whose queue file is gone (the message was removed, file first, just
   * before a crash) and temporary files of saves a crash interrupted. A queue file without a record
   * needs nothing: all its recipients are pending.
   */
  private int removeStatusOrphans(List<QueueEntry> entries) throws IOException {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (QueueEntry e : entries) {
      ids.add(e.queueId().value());
    }
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.status())) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(SpoolLayout.TEMP_SUFFIX) || (QueueId.isValid(name) && !ids.contains(name))) {
          storage.delete(file);
          removed++;
          log.info("{}: removed status leftover file={}", label(file), layout.relative(file));
        } else if (!QueueId.isValid(name)) {
          log.warn("spool: unexpected file in status directory file={}", layout.relative(file));
        }
      }
    }
    if (removed > 0) {
      statuses.directory().sync();
    }
    return removed;
  }

  /** Moves an invalid file to {@code corrupt/}; never throws, so one bad file stops nothing. */
  private void quarantine(Path file, QueueState state, String reason) {
    String name = file.getFileName() + "." + state.code() + "." + clock.millis();
    Path target = layout.corrupt().resolve(name);
    for (int n = 1; Files.exists(target); n++) {
      target = layout.corrupt().resolve(name + "-" + n);
    }
    try {
      storage.rename(file, target);
      corrupt.sync();
      states.get(state).sync();
      log.warn(
          "{}: corrupt queue file moved aside file={} reason=\"{}\" to={}",
          label(file), layout.relative(file), reason, layout.relative(target));
    } catch (IOException e) {
      log.warn(
          "{}: corrupt queue file skipped, could not move it aside file={} reason=\"{}\" error={}",
          label(file), layout.relative(file), reason, e.toString());
    }
  }

  private static String label(Path file) {
    String id = SpoolLayout.queueIdOf(file);
    return id == null ? "spool" : id;
  }

  private static void createDirectories(SpoolLayout layout, Storage storage) throws IOException {
    Path root = layout.root();
    boolean rootCreated = !Files.isDirectory(root);
    Files.createDirectories(root);
    boolean created = false;
    List<Path> dirs =
        new java.util.ArrayList<>(List.of(layout.incoming(), layout.corrupt(), layout.status()));
    for (QueueState state : QueueState.values()) {
      dirs.add(layout.directory(state));
    }
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir);
        created = true;
      }
    }
    // New directories must survive a crash before any message is acknowledged inside them.
    if (created) {
      syncDirectory(root, storage);
    }
    if (rootCreated && root.getParent() != null) {
      syncDirectory(root.getParent(), storage);
    }
  }

  private static void syncDirectory(Path dir, Storage storage) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      storage.syncDirectory(ch);
    }
  }
}
