package org.sealpost.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Hands its reader at most one byte per {@code read} call, and copies each byte handed out to a
 * capture buffer while one is open. {@link org.sealpost.smtp.SmtpInput} reads ahead into its own
 * buffer; fed one byte at a time it never holds a byte it has not consumed once a line or body is
 * done, so what was captured between two calls is exactly what the client sent for that command or
 * body: the wire bytes, before dot-unstuffing. {@link #available()} still tells about bytes the
 * client already sent, which is how pipelining without PIPELINING is detected (RFC 2920 §3.1).
 */
final class TapInputStream extends InputStream {

  private final InputStream in;
  private @Nullable ByteArrayOutputStream capture;

  /** @param in a buffered stream: this one reads it a byte at a time */
  TapInputStream(InputStream in) {
    this.in = in;
  }

  /** Starts copying every byte handed out from now on. */
  void startCapture() {
    capture = new ByteArrayOutputStream();
  }

  /** Stops copying and returns what was handed out since {@link #startCapture()}. */
  byte[] stopCapture() {
    ByteArrayOutputStream c = capture;
    capture = null;
    return c == null ? new byte[0] : c.toByteArray();
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0 && capture != null) {
      capture.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int x = read();
    if (x < 0) {
      return -1;
    }
    b[off] = (byte) x;
    return 1;
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
