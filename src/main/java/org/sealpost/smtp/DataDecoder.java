package org.sealpost.smtp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The DATA body decoder behind {@link SmtpInput#readData}: a state machine over the input buffer
 * that finds the one true end of data, CRLF "." CRLF (RFC 5321 §4.1.1.4, SMTP-2), removes one leading
 * dot per line (§4.5.2) and notes any bare CR or LF (SEC-5).
 *
 * <p>Only a line start reached through CRLF counts: after a bare LF or bare CR the decoder is in the
 * middle of a line, so {@code LF.LF}, {@code LF.CRLF}, {@code CR.CR}, {@code CR.CRLF} and {@code
 * CRLF.LF} never end data. The body is written to the sink in runs as long as possible (a run breaks
 * only at a removed dot and at the end of the buffer), so the hot loop is a scan for CR and LF.
 */
final class DataDecoder {

  /** Just after CRLF (or at the start of the body): a dot here is special. */
  private static final int LINE_START = 0;
  /** Inside a line. */
  private static final int MID_LINE = 1;
  /** Just after a CR inside a line. */
  private static final int AFTER_CR = 2;
  /** Just after a dot at line start; the dot was dropped. */
  private static final int AFTER_DOT = 3;
  /** Just after "." CR at line start; the CR is held back until we know it is not the end. */
  private static final int AFTER_DOT_CR = 4;

  private final SmtpInput input;
  private final OutputStream sink;
  private final long maxSize;
  private long size;
  private boolean tooBig;
  private boolean bare;

  DataDecoder(SmtpInput input, OutputStream sink, long maxSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException("negative size limit");
    }
    this.input = input;
    this.sink = sink;
    this.maxSize = maxSize;
  }

  DataResult run() throws IOException {
    int state = LINE_START;
    while (true) {
      if (input.pos == input.limit && !input.fill()) {
        return new DataResult.EndOfStream();
      }
      final byte[] buf = input.buf;
      final int lim = input.limit;
      int i = input.pos;
      int runStart = i;
      while (i < lim) {
        switch (state) {
          case MID_LINE -> {
            byte b = 0;
            while (i < lim) {
              b = buf[i];
              if (b == '\r' || b == '\n') {
                break;
              }
              i++;
            }
            if (i < lim) {
              if (b == '\r') {
                state = AFTER_CR;
              } else {
                bare = true; // an LF without CR is not a line end: stay mid-line
              }
              i++;
            }
          }
          case AFTER_CR -> {
            byte b = buf[i];
            if (b == '\n') {
              state = LINE_START;
              i++;
            } else if (b == '\r') {
              bare = true; // the earlier CR was bare; this one may still start a CRLF
              i++;
            } else {
              bare = true;
              state = MID_LINE;
            }
          }
          case LINE_START -> {
            if (buf[i] == '.') {
              emit(buf, runStart, i);
              i++;
              runStart = i; // RFC 5321 §4.5.2: drop the first dot of the line
              state = AFTER_DOT;
            } else {
              state = MID_LINE;
            }
          }
          case AFTER_DOT -> {
            if (buf[i] == '\r') {
              emit(buf, runStart, i);
              i++;
              runStart = i; // hold the CR back: ".CRLF" is the terminator
              state = AFTER_DOT_CR;
            } else {
              state = MID_LINE; // reread this byte as content
            }
          }
          case AFTER_DOT_CR -> {
            if (buf[i] == '\n') {
              input.pos = i + 1;
              return result();
            }
            emitCr(); // the held-back CR was content, and bare
            bare = true;
            state = MID_LINE;
          }
          default -> throw new IllegalStateException("state " + state);
        }
      }
      emit(buf, runStart, lim);
      input.pos = lim;
    }
  }

  private DataResult result() {
    if (tooBig) {
      return new DataResult.TooBig(size, maxSize);
    }
    return bare ? new DataResult.BareLineEnding(size) : new DataResult.Complete(size);
  }

  private void emit(byte[] buf, int from, int to) throws IOException {
    int len = to - from;
    if (len <= 0) {
      return;
    }
    size += len;
    if (tooBig) {
      return;
    }
    if (size > maxSize) {
      tooBig = true; // keep reading to the real end, writing nothing more
      return;
    }
    sink.write(buf, from, len);
  }

  private void emitCr() throws IOException {
    size++;
    if (tooBig) {
      return;
    }
    if (size > maxSize) {
      tooBig = true;
      return;
    }
    sink.write('\r');
  }
}
