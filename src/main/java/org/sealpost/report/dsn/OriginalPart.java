package org.sealpost.report.dsn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.MessageContent;

/**
 * The third part of a DSN: the original header section (kept in memory, bounded) or the whole
 * original message (streamed from the queue, never held in memory). It can tell whether a byte
 * sequence occurs in it, so that the composer picks a boundary that does not (RFC 2046 §5.1.1).
 */
final class OriginalPart {

  /** Header sections beyond this are cut at a line end; the SMTP server's own limit is lower. */
  static final int MAX_HEADER_SECTION = 1 << 20;

  private final @Nullable byte[] headers;
  private final MessageContent full;
  private final boolean eightBit;

  private OriginalPart(@Nullable byte[] headers, MessageContent full, boolean eightBit) {
    this.headers = headers;
    this.full = full;
    this.eightBit = eightBit;
  }

  static OriginalPart headers(MessageContent content) throws IOException {
    byte[] section = headerSection(content);
    return new OriginalPart(section, content, MimeText.hasEightBit(section));
  }

  static OriginalPart full(MessageContent content) throws IOException {
    boolean eightBit = false;
    try (InputStream in = content.open()) {
      byte[] buf = new byte[64 * 1024];
      for (int n; !eightBit && (n = in.read(buf)) >= 0; ) {
        for (int i = 0; i < n; i++) {
          if (buf[i] < 0) {
            eightBit = true;
            break;
          }
        }
      }
    }
    return new OriginalPart(null, content, eightBit);
  }

  boolean eightBit() {
    return eightBit;
  }

  boolean isFull() {
    return headers == null;
  }

  boolean contains(byte[] needle) throws IOException {
    if (headers != null) {
      return indexOf(headers, headers.length, needle, 0) >= 0;
    }
    try (InputStream in = full.open()) {
      // Keep the last needle.length - 1 bytes of each chunk so that a match across chunks is found.
      byte[] buf = new byte[64 * 1024 + needle.length];
      int kept = 0;
      for (int n; (n = in.read(buf, kept, buf.length - kept)) >= 0; ) {
        int len = kept + n;
        if (indexOf(buf, len, needle, 0) >= 0) {
          return true;
        }
        kept = Math.min(needle.length - 1, len);
        System.arraycopy(buf, len - kept, buf, 0, kept);
      }
      return false;
    }
  }

  void writeTo(OutputStream out) throws IOException {
    if (headers != null) {
      out.write(headers);
      return;
    }
    try (InputStream in = full.open()) {
      in.transferTo(out);
    }
  }

  /**
   * The header section: every line up to the first empty line, each with its CRLF; the whole
   * content when there is no empty line; cut after the last whole line at {@link
   * #MAX_HEADER_SECTION}.
   */
  static byte[] headerSection(MessageContent content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (InputStream in = content.open()) {
      byte[] buf = new byte[8192];
      int previous = -1; // the last byte before this chunk
      boolean lineStart = true;
      int lastLineEnd = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        for (int i = 0; i < n; i++) {
          int c = buf[i] & 0xff;
          if (lineStart && c == '\r') {
            // A line that starts with CR is the empty line (content is CRLF-normalised, SEC-5).
            return out.toByteArray();
          }
          out.write(c);
          lineStart = c == '\n' && previous == '\r';
          if (lineStart) {
            lastLineEnd = out.size();
            if (lastLineEnd >= MAX_HEADER_SECTION) {
              return out.toByteArray();
            }
          } else if (out.size() >= MAX_HEADER_SECTION) {
            return Arrays.copyOf(out.toByteArray(), lastLineEnd);
          }
          previous = c;
        }
      }
    }
    return out.toByteArray();
  }

  static int indexOf(byte[] haystack, int length, byte[] needle, int from) {
    outer:
    for (int i = from; i <= length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
