package org.sealpost.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.sealpost.mail.QueueId;

/**
 * Reads and atomically replaces status records ({@code spool/status/QUEUEID}). A save writes
 * {@code QUEUEID.tmp}, fsyncs it, renames it over the record (rename(2) is atomic) and fsyncs the
 * directory (shared between concurrent saves by {@link DirectorySync}), so after a crash the record
 * is the old one or the new one, never a mix. Saves for one message must not run concurrently (the
 * queue runner holds a lock per message); saves for different messages may.
 */
final class StatusStore {

  private final SpoolLayout layout;
  private final Storage storage;
  private final DirectorySync directory;

  StatusStore(SpoolLayout layout, Storage storage, DirectorySync directory) {
    this.layout = layout;
    this.storage = storage;
    this.directory = directory;
  }

  /** The record of {@code id}; empty if there is none. Corrupt records throw. */
  Optional<DeliveryStatus> load(QueueId id) throws IOException {
    return read(layout.statusFile(id));
  }

  static Optional<DeliveryStatus> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    DeliveryStatus status = StatusCodec.decode(bytes);
    if (!status.queueId().value().equals(file.getFileName().toString())) {
      throw new CorruptQueueFileException("status record names queue id " + status.queueId());
    }
    return Optional.of(status);
  }

  /** Replaces the record durably: when this returns, a crash leaves exactly {@code status}. */
  void save(DeliveryStatus status) throws IOException {
    Path temp = layout.statusTemp(status.queueId());
    Files.deleteIfExists(temp); // left by a save that failed half-way
    FileChannel channel = storage.create(temp);
    try (channel) {
      storage.write(channel, ByteBuffer.wrap(StatusCodec.encode(status)));
      storage.force(channel);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    storage.rename(temp, layout.statusFile(status.queueId()));
    directory.sync();
  }

  /** Removes the record, if any, durably. */
  void delete(QueueId id) throws IOException {
    Path file = layout.statusFile(id);
    if (Files.exists(file)) {
      storage.delete(file);
      directory.sync();
    }
  }

  DirectorySync directory() {
    return directory;
  }
}
