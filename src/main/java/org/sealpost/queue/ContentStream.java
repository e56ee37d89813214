package org.sealpost.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Streams the content section of a queue file (never the envelope or trailer) and checks its
 * CRC-32C when the last octet has been read, so a delivery never finishes sending bytes that
 * changed on disk: it gets a {@link CorruptQueueFileException} instead of a clean end of stream.
 */
final class ContentStream extends InputStream {

  private final FileChannel channel;
  private final int expectedCrc;
  private final CRC32C crc = new CRC32C();
  private long remaining;
  private boolean verified;

  ContentStream(FileChannel channel, long length, int expectedCrc) {
    this.channel = channel;
    this.remaining = length;
    this.expectedCrc = expectedCrc;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (remaining == 0) {
      verify();
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int want = (int) Math.min(len, remaining);
    int n = channel.read(ByteBuffer.wrap(b, off, want));
    if (n < 0) {
      throw new CorruptQueueFileException("content ends " + remaining + " octets early");
    }
    crc.update(b, off, n);
    remaining -= n;
    return n;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, remaining);
  }

  private void verify() throws CorruptQueueFileException {
    if (!verified) {
      if ((int) crc.getValue() != expectedCrc) {
        throw new CorruptQueueFileException("content checksum mismatch");
      }
      verified = true;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
