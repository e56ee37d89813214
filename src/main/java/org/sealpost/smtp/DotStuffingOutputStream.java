package org.sealpost.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes a message body for DATA (RFC 5321 §4.5.2), so that no receiver can find an end of data
 * anywhere but where we put it (SEC-6, the outbound half of the SMTP smuggling defence):
 *
 * <ul>
 *   <li>every bare CR and bare LF becomes CRLF (SMTP-1);
 *   <li>a dot at the start of a line is doubled;
 *   <li>{@link #finish()} adds a CRLF if the body did not end with one, then {@code .CRLF}.
 * </ul>
 *
 * <p>Write the body, call {@link #finish()}, then flush. {@link #close()} does not finish: a body
 * that was never finished has not ended. The underlying stream should be buffered; this class writes
 * runs, not single bytes.
 */
public final class DotStuffingOutputStream extends FilterOutputStream {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] TERMINATOR = {'.', '\r', '\n'};

  private boolean atLineStart = true;
  private boolean afterCr;
  private boolean finished;

  public DotStuffingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (finished) {
      throw new IOException("body already finished");
    }
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    int run = off;
    for (int i = off, end = off + len; i < end; i++) {
      byte x = b[i];
      if (afterCr) {
        afterCr = false;
        if (x == '\n') {
          atLineStart = true;
          continue; // the CRLF goes out with the run
        }
        // The CR was bare: end its line with LF here, then treat x as the start of a new line.
        out.write(b, run, i - run);
        out.write('\n');
        run = i;
        atLineStart = true;
      }
      if (x == '\r') {
        afterCr = true;
        atLineStart = false;
      } else if (x == '\n') {
        out.write(b, run, i - run); // a bare LF: put the missing CR in front
        out.write(CRLF);
        run = i + 1;
        atLineStart = true;
      } else if (atLineStart) {
        atLineStart = false;
        if (x == '.') {
          out.write(b, run, i - run);
          out.write('.'); // the extra dot; the original follows in the run
          run = i;
        }
      }
    }
    out.write(b, run, off + len - run);
  }

  /** Ends the body: completes the last line and writes the end-of-data line {@code .CRLF}. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    if (afterCr) {
      out.write('\n');
    } else if (!atLineStart) {
      out.write(CRLF);
    }
    out.write(TERMINATOR);
    finished = true;
  }
}
