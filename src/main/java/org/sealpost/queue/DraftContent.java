package org.sealpost.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The content stream of a draft: buffers what the SMTP server writes, counts it and checksums it on
 * the way to the temporary file. After any write failure it refuses further writes with the same
 * failure, so the draft cannot be committed with a hole in it. Closing it does nothing: the draft
 * owns the file and decides between commit and abort.
 */
final class DraftContent extends OutputStream {

  private static final int BUFFER = 64 * 1024;

  private final FileChannel channel;
  private final Storage storage;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
  private final CRC32C crc = new CRC32C();
  private long count;
  private @Nullable IOException failure;

  DraftContent(FileChannel channel, Storage storage) {
    this.channel = channel;
    this.storage = storage;
  }

  @Override
  public void write(int b) throws IOException {
    checkUsable();
    if (!buffer.hasRemaining()) {
      drain();
    }
    buffer.put((byte) b);
    crc.update(b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    checkUsable();
    crc.update(b, off, len);
    count += len;
    int at = off;
    int left = len;
    while (left > 0) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int n = Math.min(left, buffer.remaining());
      buffer.put(b, at, n);
      at += n;
      left -= n;
    }
  }

  /** Buffered bytes stay buffered until commit; a flush by the caller changes nothing durable. */
  @Override
  public void flush() {}

  @Override
  public void close() {}

  /** Writes out what is buffered; called by the draft before it writes the envelope. */
  void drain() throws IOException {
    checkUsable();
    buffer.flip();
    try {
      storage.write(channel, buffer);
    } catch (IOException e) {
      failure = e;
      throw e;
    } finally {
      buffer.clear();
    }
  }

  long count() {
    return count;
  }

  int crc() {
    return (int) crc.getValue();
  }

  private void checkUsable() throws IOException {
    if (failure != null) {
      throw new IOException("an earlier write to this draft failed", failure);
    }
    if (!channel.isOpen()) {
      throw new IOException("draft is closed");
    }
  }
}
