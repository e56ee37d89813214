package org.sealpost.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.QueueId;

/**
 * One committed message as found on disk: its state, its envelope (with the TLS requirement,
 * RT-19) and the size of its content. The content is not loaded; {@link #openContent()} streams it,
 * so a 50 MB message costs a buffer, not 50 MB of heap.
 */
public final class QueueEntry {

  private final QueueState state;
  private final Envelope envelope;
  private final Path file;
  private final QueueFileTrailer trailer;

  QueueEntry(QueueState state, Envelope envelope, Path file, QueueFileTrailer trailer) {
    this.state = state;
    this.envelope = envelope;
    this.file = file;
    this.trailer = trailer;
  }

  public QueueId queueId() {
    return envelope.queueId();
  }

  public QueueState state() {
    return state;
  }

  public Envelope envelope() {
    return envelope;
  }

  /** The content size in octets, as received after DATA/BDAT (the envelope's SIZE is declared). */
  public long size() {
    return trailer.contentLength();
  }

  /** The file this entry was read from; it changes when the entry moves to another state. */
  public Path file() {
    return file;
  }

  /**
   * Opens the message content for reading, from its first octet to its last. The stream throws
   * {@link CorruptQueueFileException} at the end if the content does not match its checksum.
   * Opening fails with {@link java.nio.file.NoSuchFileException} if the entry has since moved.
   */
  public InputStream openContent() throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return new ContentStream(channel, trailer.contentLength(), trailer.contentCrc());
  }

  QueueEntry movedTo(QueueState newState, Path newFile) {
    return new QueueEntry(newState, envelope, newFile, trailer);
  }

  @Override
  public String toString() {
    return queueId() + " " + state.code() + " " + size();
  }
}
