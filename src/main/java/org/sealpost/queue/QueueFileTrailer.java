package org.sealpost.queue;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The fixed 32-byte end of a queue file. A queue file is {@code content | envelope | trailer}: the
 * content goes first because the SMTP server streams it to us before it knows the envelope's final
 * TLS requirement (the {@code TLS-Required} header is only seen in the content, RFC 8689 §4.1), so
 * the file is written front to back once, never rewritten, and needs a single fsync.
 *
 * <pre>
 * offset  size  field (big-endian)
 *      0     8  content length in octets
 *      8     4  envelope length in octets
 *     12     4  CRC-32C of the envelope section
 *     16     4  CRC-32C of the content
 *     20     4  format version (1)           -- at end-12 in every version
 *     24     4  CRC-32C of bytes 0..23
 *     28     4  magic "SPQF"                  -- at end-4 in every version
 * </pre>
 *
 * A reader looks at the magic and the version first, so a future version may change the rest.
 */
record QueueFileTrailer(long contentLength, int envelopeLength, int envelopeCrc, int contentCrc) {

  static final int LENGTH = 32;
  static final int VERSION = 1;
  private static final int MAGIC = ('S' << 24) | ('P' << 16) | ('Q' << 8) | 'F';

  ByteBuffer encode() {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.putLong(contentLength).putInt(envelopeLength).putInt(envelopeCrc).putInt(contentCrc);
    b.putInt(VERSION);
    b.putInt(crc(b.array(), 0, 24));
    b.putInt(MAGIC);
    return b.flip();
  }

  /** Parses the last {@link #LENGTH} bytes of a file of {@code fileSize} octets. */
  static QueueFileTrailer decode(ByteBuffer b, long fileSize) throws CorruptQueueFileException {
    if (b.remaining() != LENGTH) {
      throw new CorruptQueueFileException("truncated: " + fileSize + " octets, no trailer");
    }
    if (b.getInt(28) != MAGIC) {
      throw new CorruptQueueFileException("no queue file magic at the end (truncated or not ours)");
    }
    int version = b.getInt(20);
    if (version != VERSION) {
      throw new CorruptQueueFileException("unsupported format version " + version);
    }
    byte[] head = new byte[24];
    b.get(0, head);
    if (b.getInt(24) != crc(head, 0, 24)) {
      throw new CorruptQueueFileException("trailer checksum mismatch");
    }
    QueueFileTrailer t =
        new QueueFileTrailer(b.getLong(0), b.getInt(8), b.getInt(12), b.getInt(16));
    if (t.contentLength < 0
        || t.envelopeLength < 0
        || t.contentLength + t.envelopeLength + LENGTH != fileSize) {
      throw new CorruptQueueFileException(
          "lengths do not add up: content=" + t.contentLength + " envelope=" + t.envelopeLength
              + " file=" + fileSize);
    }
    return t;
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C c = new CRC32C();
    c.update(bytes, offset, length);
    return (int) c.getValue();
  }
}
