package org.sealpost.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.QueueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the SMTP server hands over a message. At DATA or BDAT it {@linkplain #begin begins} a
 * draft and streams the content in as it arrives; once the content is complete (and the TLS
 * requirement is known from the headers, RFC 8689 §4.1) it commits the envelope and answers
 * {@code 250} only when {@link Draft#commit} returns (RFC 5321 §6.1, SMTP-7). An
 * {@link IOException} from any step means {@code 451 4.3.0} and that nothing was kept. Safe for any
 * number of concurrent sessions; each draft belongs to one session.
 */
public final class Intake {

  private static final Logger log = LoggerFactory.getLogger(Intake.class);

  private final SpoolLayout layout;
  private final Storage storage;
  private final DirectorySync active;
  private final AtomicLong drafts = new AtomicLong();
  private volatile Consumer<QueueEntry> onCommit = entry -> {};

  Intake(SpoolLayout layout, Storage storage, DirectorySync active) {
    this.layout = layout;
    this.storage = storage;
    this.active = active;
  }

  /**
   * Calls {@code listener} on the committing thread with each message right after it became
   * durable, so the queue runner schedules it at once instead of finding it by polling. The
   * listener must be quick and must not throw; one listener at a time (the last one set).
   */
  void onCommit(Consumer<QueueEntry> listener) {
    this.onCommit = listener;
  }

  /** Creates the temporary file under {@code incoming/} that the content is written to. */
  public Draft begin(QueueId queueId) throws IOException {
    Path temp = layout.draft(queueId, drafts.incrementAndGet());
    FileChannel channel = storage.create(temp);
    return new Draft(queueId, temp, channel);
  }

  private enum Phase {
    WRITING,
    COMMITTED,
    FAILED,
    CLOSED
  }

  /**
   * One message being received. Write the content to {@link #content()}, then {@link #commit}.
   * {@link #close()} without a successful commit aborts: the temporary file is deleted, and a
   * draft that was never acknowledged is also removed by recovery if the process dies first.
   */
  public final class Draft implements AutoCloseable {

    private final QueueId queueId;
    private final Path temp;
    private final FileChannel channel;
    private final DraftContent content;
    private Phase phase = Phase.WRITING;

    private Draft(QueueId queueId, Path temp, FileChannel channel) {
      this.queueId = queueId;
      this.temp = temp;
      this.channel = channel;
      this.content = new DraftContent(channel, storage);
    }

    public QueueId queueId() {
      return queueId;
    }

    /**
     * The message content, exactly as it is to be delivered (after dot-unstuffing, with the
     * Received field the server prepends). Buffered; closing or flushing it has no effect.
     */
    public OutputStream content() {
      return content;
    }

    /**
     * Makes the message durable and visible in {@code active/}: envelope and trailer are appended,
     * the file is fsync'd, linked into {@code active/} under its queue id, and the directory is
     * fsync'd (shared with concurrent commits, see {@link DirectorySync}). When this returns, a
     * crash cannot lose the message. When it throws, nothing of the message is left in the spool.
     *
     * @throws IllegalArgumentException if the envelope's queue id is not the draft's
     */
    public QueueEntry commit(Envelope envelope) throws IOException {
      if (phase != Phase.WRITING) {
        throw new IllegalStateException("draft " + queueId + " is " + phase);
      }
      if (!envelope.queueId().equals(queueId)) {
        throw new IllegalArgumentException(
            "envelope queue id " + envelope.queueId() + " is not the draft's " + queueId);
      }
      Path target = layout.file(QueueState.ACTIVE, queueId);
      boolean linked = false;
      try {
        byte[] env = EnvelopeCodec.encode(envelope);
        content.drain();
        QueueFileTrailer trailer =
            new QueueFileTrailer(
                content.count(), env.length, QueueFileTrailer.crc(env, 0, env.length), content.crc());
        storage.write(channel, ByteBuffer.wrap(env));
        storage.write(channel, trailer.encode());
        storage.force(channel);
        channel.close();
        // link(2), not rename(2): it refuses to replace a message that has the same queue id.
        storage.link(temp, target);
        linked = true;
        active.sync();
        phase = Phase.COMMITTED;
        removeTemp();
        log.info(
            "{}: queued state=active from=<{}> nrcpt={} size={} tls={} floor={}",
            queueId,
            envelope.reversePath() == null ? "" : envelope.reversePath(),
            envelope.recipients().size(),
            trailer.contentLength(),
            envelope.tlsRequirement().code(),
            envelope.verificationFloor().code());
        QueueEntry entry = new QueueEntry(QueueState.ACTIVE, envelope, target, trailer);
        notifyCommitted(entry);
        return entry;
      } catch (IOException | RuntimeException e) {
        phase = Phase.FAILED;
        discard(linked ? target : null);
        log.warn("{}: commit failed, nothing kept: {}", queueId, e.toString());
        throw e;
      }
    }

    private void notifyCommitted(QueueEntry entry) {
      try {
        onCommit.accept(entry);
      } catch (RuntimeException e) {
        // The message is safe on disk and is found again at the next start; the client still
        // deserves its 250.
        log.error("{}: commit listener failed", queueId, e);
      }
    }

    /** Aborts unless committed: closes and deletes the temporary file. */
    @Override
    public void close() {
      if (phase == Phase.WRITING || phase == Phase.FAILED) {
        if (phase == Phase.WRITING) {
          discard(null);
          log.debug("{}: draft aborted", queueId);
        }
        phase = Phase.CLOSED;
      }
    }

    /** Best effort: recovery removes any temporary file this leaves behind. */
    private void discard(@Nullable Path published) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("{}: closing draft failed: {}", queueId, e.toString());
      }
      removeTemp();
      if (published != null) {
        // The entry may be visible: the client hears 451, so take it back (SMTP-7 is about 250).
        try {
          storage.delete(published);
          active.sync();
        } catch (IOException e) {
          // The message may survive and be delivered although the client will retry: a possible
          // duplicate, never a loss (architecture decision 4).
          log.warn(
              "{}: could not durably withdraw file={} after failed commit: {}",
              queueId, layout.relative(published), e.toString());
        }
      }
    }

    private void removeTemp() {
      try {
        storage.delete(temp);
      } catch (IOException e) {
        log.warn(
            "{}: could not delete draft file={}: {} (removed at next start)",
            queueId, layout.relative(temp), e.toString());
      }
    }
  }
}
