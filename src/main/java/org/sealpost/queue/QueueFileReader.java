package org.sealpost.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.QueueId;

/**
 * Reads the envelope of a committed queue file: the trailer, then the envelope section, each
 * checked against its CRC-32C. Content is left on disk. Anything that is not a whole, current-version
 * queue file whose envelope names the same queue id as the file is {@link CorruptQueueFileException}.
 */
final class QueueFileReader {

  /** Envelopes beyond this are not something we wrote (1000 recipients take well under 1 MB). */
  private static final int MAX_ENVELOPE = 16 << 20;

  private QueueFileReader() {}

  static QueueEntry read(Path file, QueueState state) throws IOException {
    String name = file.getFileName().toString();
    if (!QueueId.isValid(name)) {
      throw new CorruptQueueFileException("file name is not a queue id");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, QueueFileTrailer.LENGTH));
      readFully(ch, tail, size - tail.capacity());
      QueueFileTrailer trailer = QueueFileTrailer.decode(tail.flip(), size);
      if (trailer.envelopeLength() > MAX_ENVELOPE) {
        throw new CorruptQueueFileException("envelope too large: " + trailer.envelopeLength());
      }
      ByteBuffer env = ByteBuffer.allocate(trailer.envelopeLength());
      readFully(ch, env, trailer.contentLength());
      byte[] bytes = env.array();
      if (QueueFileTrailer.crc(bytes, 0, bytes.length) != trailer.envelopeCrc()) {
        throw new CorruptQueueFileException("envelope checksum mismatch");
      }
      Envelope envelope = EnvelopeCodec.decode(bytes);
      if (!envelope.queueId().value().equals(name)) {
        throw new CorruptQueueFileException("envelope names queue id " + envelope.queueId());
      }
      return new QueueEntry(state, envelope, file, trailer);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer into, long position) throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = ch.read(into, at);
      if (n < 0) {
        throw new CorruptQueueFileException("file shrank while reading");
      }
      at += n;
    }
  }
}
