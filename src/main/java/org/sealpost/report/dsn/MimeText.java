package org.sealpost.report.dsn;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Text that is safe to put in a header field or a text line of a DSN: printable, one line, bounded,
 * folded at spaces (RFC 5322 §2.2.3) so that no line passes 78 characters where a space allows it
 * and none passes 998. Values that came from elsewhere (remote replies, ENVID, ORCPT, reasons) go
 * through {@link #clean} first, so they can never split a field or forge one (SEC-8).
 */
final class MimeText {

  static final String CRLF = "\r\n";

  /** Long enough for any SMTP reply we keep, short enough that a folded line stays under 998. */
  static final int MAX_VALUE = 800;

  private static final int WIDTH = 78;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private MimeText() {}

  /** RFC 5322 §3.3 date-time, in UTC with a numeric offset. */
  static String date(Instant instant) {
    return DATE.format(instant);
  }

  /**
   * One printable line: control characters (CR, LF, TAB, NUL, ...) become spaces, runs of spaces
   * collapse (so a multi-line SMTP reply reads as one line), non-ASCII becomes {@code ?} unless
   * {@code utf8} allows it (RFC 6532 in global DSNs), and the result is cut at {@link #MAX_VALUE}.
   */
  static String clean(String text, boolean utf8) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_VALUE + 3));
    boolean space = false;
    for (int i = 0; i < text.length() && b.length() < MAX_VALUE; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || Character.isWhitespace(c)) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      boolean ok = c < 0x7f || (utf8 && Character.isDefined(c) && Character.getType(c) != Character.FORMAT
          && Character.getType(c) != Character.SURROGATE);
      b.appendCodePoint(ok ? c : '?');
    }
    if (b.length() >= MAX_VALUE) {
      b.append("...");
    }
    return b.toString();
  }

  /** {@code Name: value} with CRLF, folded before a space when a line would pass 78 characters. */
  static String field(String name, String value) {
    return fill(name + ":", value, " ", WIDTH);
  }

  /**
   * Body text: {@code first} then the words of {@code text}, wrapped at {@code width} with each
   * continuation line starting with {@code indent}. Every line ends with CRLF.
   */
  static String wrap(String first, String text, String indent, int width) {
    return fill(first, text, indent, width);
  }

  private static String fill(String start, String text, String indent, int width) {
    StringBuilder out = new StringBuilder(start.length() + text.length() + 16);
    StringBuilder line = new StringBuilder(start);
    boolean wordOnLine = false;
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (wordOnLine && line.length() + 1 + word.length() > width) {
        // In a header field the fold goes before the space, which then starts the next line.
        out.append(line).append(CRLF);
        line.setLength(0);
        line.append(indent).append(word);
      } else {
        if (!line.isEmpty() && line.charAt(line.length() - 1) != ' ') {
          line.append(' ');
        }
        line.append(word);
      }
      wordOnLine = true;
    }
    return out.append(line).append(CRLF).toString();
  }

  static boolean hasEightBit(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }
}
