package org.sealpost.smtp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The state of one message received in BDAT chunks (RFC 3030): its size so far, whether it passed
 * the size limit, and whether a bare CR or LF occurred (SMTP-1, SEC-5, the same rule as for DATA).
 * A CR at the end of one chunk followed by an LF at the start of the next is a proper CRLF. Create
 * one per message; pass it to every {@link SmtpInput#readChunk} call of that message.
 */
public final class ChunkedBody {

  private final long maxSize;
  private long size;
  private boolean tooBig;
  private boolean bareLineEnding;
  private boolean previousWasCr;

  /** @param maxSize most octets written to the sink; the rest is read and discarded */
  public ChunkedBody(long maxSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException("negative size limit");
    }
    this.maxSize = maxSize;
  }

  /** Octets received so far, including any past the limit. */
  public long size() {
    return size;
  }

  void accept(byte[] b, int off, int len, OutputStream sink) throws IOException {
    boolean cr = previousWasCr;
    boolean bare = false;
    for (int i = off, end = off + len; i < end; i++) {
      byte x = b[i];
      if (x == '\n') {
        bare |= !cr;
      } else {
        bare |= cr;
      }
      cr = x == '\r';
    }
    previousWasCr = cr;
    bareLineEnding |= bare;
    size += len;
    if (!tooBig) {
      if (size > maxSize) {
        tooBig = true;
      } else {
        sink.write(b, off, len);
      }
    }
  }

  /** The state after the chunks so far; a CR at the very end is not judged until the next chunk. */
  DataResult status() {
    if (tooBig) {
      return new DataResult.TooBig(size, maxSize);
    }
    return bareLineEnding ? new DataResult.BareLineEnding(size) : new DataResult.Complete(size);
  }

  /** The verdict after the last chunk: a CR at the very end was bare. */
  DataResult finish() {
    if (previousWasCr) {
      bareLineEnding = true;
      previousWasCr = false;
    }
    return status();
  }
}
