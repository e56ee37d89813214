package org.sealpost.smtp;

import java.io.InputStream;

/**
 * Test input that hands out its bytes in pieces: the first read returns at most {@code split}
 * bytes, every later read at most {@code step}. Streaming parsers must not care where reads end.
 */
final class SplitInputStream extends InputStream {

  private final byte[] data;
  private final int split;
  private final int step;
  private int pos;
  private boolean first = true;

  SplitInputStream(byte[] data, int split, int step) {
    this.data = data;
    this.split = split;
    this.step = step;
  }

  @Override
  public int read() {
    return pos < data.length ? data[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (pos == data.length) {
      return -1;
    }
    int max = first ? Math.max(split, 1) : step;
    first = false;
    int n = Math.min(Math.min(len, max), data.length - pos);
    System.arraycopy(data, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return 0; // like a socket with nothing more received yet: only the reader's own buffer counts
  }
}
