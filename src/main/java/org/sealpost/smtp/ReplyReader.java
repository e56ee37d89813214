package org.sealpost.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.EnhancedStatus;

/**
 * Reads replies from an SMTP or LMTP server (RFC 5321 §4.2). Lines end only in CRLF; every line of a
 * multi-line reply must carry the same code, {@code -} after the code on every line but the last.
 * When the first line's text starts with an enhanced status code whose class matches the reply code
 * (RFC 2034 §3), it is taken out of every line that repeats it.
 *
 * <p>One instance per stream, as it buffers: after STARTTLS, create a new one over the TLS stream;
 * {@link #hasBufferedInput()} says whether bytes followed the last reply read (SEC-2, TLS-7).
 */
public final class ReplyReader {

  /** Reply lines accepted by default, including CRLF; RFC 5321 §4.5.3.1.5 asks for at least 512. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 2048;

  /** Lines per reply accepted by default; an EHLO reply has one per extension. */
  public static final int DEFAULT_MAX_LINES = 128;

  private final InputStream in;
  private final int maxLineLength;
  private final int maxLines;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int limit;

  public ReplyReader(InputStream in) {
    this(in, DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_LINES);
  }

  public ReplyReader(InputStream in, int maxLineLength, int maxLines) {
    if (maxLineLength < 8 || maxLines < 1) {
      throw new IllegalArgumentException("limits too small");
    }
    this.in = in;
    this.maxLineLength = maxLineLength;
    this.maxLines = maxLines;
  }

  /**
   * Reads one complete reply.
   *
   * @throws EOFException when the stream ends before a complete reply
   * @throws SmtpProtocolException when the reply is malformed or exceeds the limits
   */
  public Reply read() throws IOException {
    List<String> texts = new ArrayList<>();
    int code = -1;
    while (true) {
      if (texts.size() == maxLines) {
        throw new SmtpProtocolException("reply has more than " + maxLines + " lines");
      }
      String line = readLine();
      if (line.length() < 3 || !isDigits(line)) {
        throw new SmtpProtocolException("malformed reply line: " + Reply.safeText(line, 80));
      }
      int lineCode = Integer.parseInt(line, 0, 3, 10);
      if (lineCode < 200 || lineCode > 599) {
        throw new SmtpProtocolException("reply code out of range: " + lineCode);
      }
      if (code != -1 && lineCode != code) {
        throw new SmtpProtocolException("reply lines disagree on the code: " + code + "/" + lineCode);
      }
      code = lineCode;
      boolean last;
      if (line.length() == 3) {
        last = true;
      } else if (line.charAt(3) == ' ') {
        last = true;
      } else if (line.charAt(3) == '-') {
        last = false;
      } else {
        throw new SmtpProtocolException("malformed reply line: " + Reply.safeText(line, 80));
      }
      texts.add(line.length() > 4 ? line.substring(4) : "");
      if (last) {
        return build(code, texts);
      }
    }
  }

  /** True when bytes are waiting to be read: in this reader's buffer or in the stream. */
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

  private static Reply build(int code, List<String> texts) {
    EnhancedStatus status = enhancedStatus(code, texts.getFirst());
    if (status == null) {
      return new Reply(code, null, texts);
    }
    String prefix = status.toString();
    List<String> stripped = new ArrayList<>(texts.size());
    for (String t : texts) {
      if (t.equals(prefix)) {
        stripped.add("");
      } else if (t.startsWith(prefix + " ")) {
        stripped.add(t.substring(prefix.length() + 1));
      } else {
        stripped.add(t);
      }
    }
    return new Reply(code, status, stripped);
  }

  /** RFC 2034 §4: status-code = class "." subject "." detail, class matching the reply code. */
  private static @Nullable EnhancedStatus enhancedStatus(int code, String text) {
    int end = text.indexOf(' ');
    String token = end < 0 ? text : text.substring(0, end);
    if (token.length() < 5 || token.length() > 9 || token.charAt(0) - '0' != code / 100) {
      return null;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[0].length() != 1) {
      return null;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !isDigits(p, p.length())) {
        return null;
      }
    }
    try {
      return EnhancedStatus.of(token);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isDigits(String s) {
    return isDigits(s, 3);
  }

  private static boolean isDigits(String s, int n) {
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Reads through the next CRLF; a CR or LF anywhere else is a protocol violation (SMTP-1). */
  private String readLine() throws IOException {
    byte[] line = new byte[128];
    int len = 0;
    boolean cr = false;
    while (true) {
      if (pos == limit && !fill()) {
        throw new EOFException("connection closed in the middle of a reply");
      }
      byte b = buf[pos++];
      if (cr) {
        if (b != '\n') {
          throw new SmtpProtocolException("bare CR in reply");
        }
        String text = new String(line, 0, len, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            throw new SmtpProtocolException("control character in reply");
          }
        }
        return text;
      }
      if (b == '\r') {
        cr = true;
        continue;
      }
      if (b == '\n') {
        throw new SmtpProtocolException("bare LF in reply");
      }
      if (len + 2 >= maxLineLength) {
        throw new SmtpProtocolException("reply line longer than " + maxLineLength);
      }
      if (len == line.length) {
        line = java.util.Arrays.copyOf(line, len * 2);
      }
      line[len++] = b;
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }
}
