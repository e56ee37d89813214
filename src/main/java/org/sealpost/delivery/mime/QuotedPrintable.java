package org.sealpost.delivery.mime;

import java.io.ByteArrayOutputStream;

/**
 * The quoted-printable encoder of RFC 2045 §6.7 for text: each CRLF of the input stays a hard line
 * break, every other octet outside 33..126 (and {@code =}) becomes {@code =XX}, a space or tab at
 * the end of a line is encoded (rule 3), and soft line breaks keep every encoded line at most 76
 * octets including the {@code =}.
 *
 * <p>One addition for safety: a {@code -} that would start an encoded line is written {@code =2D},
 * so a soft break can never create a line that reads as a multipart delimiter (RFC 2046 §5.1.1).
 */
final class QuotedPrintable {

  /** Longest encoded line, soft-break {@code =} included (RFC 2045 §6.7 rule 5). */
  static final int MAX_LINE = 76;

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private QuotedPrintable() {}

  /** Encodes {@code b[start, end)}; the output ends in CRLF exactly when the input did. */
  static void encode(byte[] b, int start, int end, ByteArrayOutputStream out) {
    int i = start;
    while (i < end) {
      int lineEnd = HeaderSection.lineEnd(b, i, end);
      encodeLine(b, i, lineEnd, out);
      if (lineEnd < end) {
        out.write('\r');
        out.write('\n');
      }
      i = lineEnd + 2;
    }
  }

  private static void encodeLine(byte[] b, int start, int end, ByteArrayOutputStream out) {
    int column = 0;
    for (int i = start; i < end; i++) {
      int c = b[i] & 0xff;
      boolean whitespace = c == ' ' || c == '\t';
      boolean literal = (c >= 33 && c <= 126 && c != '=') || (whitespace && i != end - 1);
      int width = literal ? 1 : 3;
      if (column + width > MAX_LINE - 1) {
        out.write('=');
        out.write('\r');
        out.write('\n');
        column = 0;
      }
      if (literal && column == 0 && c == '-') {
        literal = false;
        width = 3;
      }
      if (literal) {
        out.write(c);
      } else {
        out.write('=');
        out.write(HEX[c >> 4]);
        out.write(HEX[c & 0xf]);
      }
      column += width;
    }
  }
}
