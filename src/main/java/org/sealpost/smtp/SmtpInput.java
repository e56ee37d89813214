package org.sealpost.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The read side of one SMTP server connection: command lines, DATA bodies and BDAT chunks, all read
 * through one buffer owned by this object. Use one instance per stream and never read the stream
 * around it. After STARTTLS, first check {@link #hasBufferedInput()} (bytes pipelined after
 * STARTTLS must not survive the handshake, TLS-7, SEC-1), then create a new instance over the TLS
 * socket's stream and drop this one.
 *
 * <p>Not thread-safe; a session reads from one thread.
 */
public final class SmtpInput {

  /** RFC 5321 §4.5.3.1.4: a command line of 512 octets including CRLF must be accepted. */
  public static final int BASE_COMMAND_LINE_LENGTH = 512;

  /**
   * One TLS record's worth (16 KiB, RFC 8446 §5.1): reading more per call gains nothing on TLS
   * sessions, and every idle session holds this buffer (64 KiB made 2,000 idle sessions cost 160 MB).
   */
  private static final int DEFAULT_BUFFER_SIZE = 16 * 1024;

  private final InputStream in;
  final byte[] buf;
  int pos;
  int limit;

  public SmtpInput(InputStream in) {
    this(in, DEFAULT_BUFFER_SIZE);
  }

  public SmtpInput(InputStream in, int bufferSize) {
    if (bufferSize < 16) {
      throw new IllegalArgumentException("buffer too small: " + bufferSize);
    }
    this.in = in;
    this.buf = new byte[bufferSize];
  }

  /**
   * True when input is waiting: in this buffer, or already received by the stream ({@code
   * available()}). A server flushes its pipelined replies only when this is false (RFC 2920 §3.1),
   * and refuses STARTTLS followed by more bytes (TLS-7).
   */
  public boolean hasBufferedInput() {
    if (pos < limit) {
      return true;
    }
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads one command line. Only CRLF ends a line (SMTP-1): a bare CR or LF does not end it but makes
   * it {@link CommandRead.Invalid}, as does any other control character (SEC-8, TAB included, since
   * SMTP separates with SP only) and octets that are not UTF-8.
   *
   * @param maxLength longest line accepted, counting the CRLF: {@link #BASE_COMMAND_LINE_LENGTH}
   *     plus the increments of the extensions in use (SMTP-3); the caller computes it
   */
  public CommandRead readCommandLine(int maxLength) throws IOException {
    if (maxLength < 3) {
      throw new IllegalArgumentException("maxLength too small: " + maxLength);
    }
    int maxContent = maxLength - 2;
    byte[] line = new byte[Math.min(maxContent, 256)];
    int len = 0;
    long length = 0;
    boolean cr = false;
    boolean ascii = true;
    CommandRead.Problem problem = null;
    while (true) {
      if (pos == limit && !fill()) {
        return new CommandRead.EndOfStream();
      }
      byte b = buf[pos++];
      if (cr) {
        if (b == '\n') {
          break;
        }
        // The CR before b was not part of a CRLF.
        problem = problem == null ? CommandRead.Problem.BARE_CR : problem;
        cr = false;
      }
      if (b == '\r') {
        cr = true;
        continue;
      }
      if (b == '\n') {
        problem = problem == null ? CommandRead.Problem.BARE_LF : problem;
      } else if ((b >= 0 && b < 0x20) || b == 0x7f) {
        problem = problem == null ? CommandRead.Problem.CONTROL_CHARACTER : problem;
      }
      ascii &= b >= 0;
      length++;
      if (len < maxContent) {
        if (len == line.length) {
          line = Arrays.copyOf(line, Math.min(maxContent, len * 2));
        }
        line[len++] = b;
      }
    }
    if (length > maxContent) {
      return new CommandRead.TooLong(length + 2);
    }
    if (problem != null) {
      return new CommandRead.Invalid(problem);
    }
    return ascii ? new CommandRead.Line(new String(line, 0, len, StandardCharsets.ISO_8859_1))
        : decodeUtf8(line, len);
  }

  private static CommandRead decodeUtf8(byte[] line, int len) {
    String text;
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line, 0, len));
      text = chars.toString();
    } catch (CharacterCodingException e) {
      return new CommandRead.Invalid(CommandRead.Problem.INVALID_UTF8);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && c <= 0x9f) { // C1 controls are as dangerous in logs and headers as C0
        return new CommandRead.Invalid(CommandRead.Problem.CONTROL_CHARACTER);
      }
    }
    return new CommandRead.Line(text);
  }

  /**
   * Reads a DATA body, right after the server sent 354, through the end-of-data line (SMTP-2).
   * Only CRLF "." CRLF ends the body; no other arrangement of dots, CRs and LFs does (SEC-5). One
   * leading dot is removed from every line (RFC 5321 §4.5.2). The content, with its CRLFs and its
   * final CRLF, goes to {@code sink}; the terminating {@code .CRLF} does not.
   *
   * <p>Too big and bare-line-ending bodies are still read to their real end, so the session stays in
   * step. An exception from the sink propagates: the session is then out of step and must close.
   *
   * @param maxSize most octets to write to the sink (after unstuffing)
   */
  public DataResult readData(OutputStream sink, long maxSize) throws IOException {
    return new DataDecoder(this, sink, maxSize).run();
  }

  /**
   * Reads one BDAT chunk of exactly {@code size} octets (RFC 3030 §2) into {@code sink}, as is: no
   * dot-unstuffing, no terminator. {@code body} carries the size limit and the line-ending check
   * across the chunks of one message (a CR ending one chunk and an LF starting the next make a CRLF).
   *
   * @param last true for {@code BDAT n LAST}: the result is then the final verdict on the message
   * @return {@link DataResult.EndOfStream} if the stream ended early; otherwise the state of the
   *     message so far ({@link DataResult.Complete} for a good non-last chunk)
   */
  public DataResult readChunk(long size, boolean last, ChunkedBody body, OutputStream sink)
      throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("negative chunk size");
    }
    long remaining = size;
    while (remaining > 0) {
      if (pos == limit && !fill()) {
        return new DataResult.EndOfStream();
      }
      int n = (int) Math.min(remaining, limit - pos);
      body.accept(buf, pos, n, sink);
      pos += n;
      remaining -= n;
    }
    return last ? body.finish() : body.status();
  }

  /** Refills the empty buffer; false at end of stream. */
  boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }
}
