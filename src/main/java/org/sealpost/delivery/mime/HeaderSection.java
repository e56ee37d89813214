package org.sealpost.delivery.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The header section of one MIME entity inside a byte array: its fields as byte ranges (so that
 * unchanged fields are copied exactly), and where the body starts. Content is CRLF-normalised
 * (SEC-5), so a line is everything up to CRLF; a field runs on over lines that start with SP or HT
 * (RFC 5322 §2.2.3).
 *
 * @param fields each field with its CRLF, in order
 * @param bodyStart the first octet after the empty line; {@code end} when there is none
 * @param hasEmptyLine whether an empty line separated header and body
 */
record HeaderSection(List<Field> fields, int bodyStart, boolean hasEmptyLine) {

  /** One header field: its lower-cased name and its octets {@code [start, end)}, CRLF included. */
  record Field(String name, int start, int end) {

    /** The unfolded value after the colon, trimmed; ASCII only, as the caller checked. */
    String value(byte[] b) {
      int colon = start;
      while (colon < end && b[colon] != ':') {
        colon++;
      }
      String raw = new String(b, colon + 1, Math.max(0, end - colon - 1), StandardCharsets.ISO_8859_1);
      return raw.replace("\r\n", "").strip();
    }
  }

  HeaderSection {
    fields = List.copyOf(fields);
  }

  static HeaderSection parse(byte[] b, int start, int end) {
    List<Field> fields = new ArrayList<>();
    int i = start;
    int fieldStart = -1;
    while (i < end) {
      int lineEnd = lineEnd(b, i, end);
      int next = Math.min(end, lineEnd + 2);
      if (lineEnd == i) { // the empty line
        close(b, fields, fieldStart, i);
        return new HeaderSection(fields, next, true);
      }
      boolean continuation = b[i] == ' ' || b[i] == '\t';
      if (!continuation) {
        close(b, fields, fieldStart, i);
        fieldStart = i;
      } else if (fieldStart < 0) {
        fieldStart = i; // a stray continuation first: kept with what follows, as its own field
      }
      i = next;
    }
    close(b, fields, fieldStart, end);
    return new HeaderSection(fields, end, false);
  }

  private static void close(byte[] b, List<Field> fields, int fieldStart, int end) {
    if (fieldStart < 0 || fieldStart >= end) {
      return;
    }
    int colon = fieldStart;
    while (colon < end && b[colon] != ':' && b[colon] != '\r') {
      colon++;
    }
    String name = new String(b, fieldStart, colon - fieldStart, StandardCharsets.ISO_8859_1)
        .strip().toLowerCase(Locale.ROOT);
    fields.add(new Field(name, fieldStart, end));
  }

  /** The index of the CR of the CRLF ending the line at {@code from}, or {@code end}. */
  static int lineEnd(byte[] b, int from, int end) {
    for (int i = from; i + 1 < end; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return end;
  }

  /** The first field named {@code name} (lower case), or null. */
  @Nullable Field first(String name) {
    for (Field f : fields) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }

  boolean has(String name) {
    return first(name) != null;
  }

  /** The transfer encoding, lower case; {@code 7bit} when absent (RFC 2045 §6.1). */
  String transferEncoding(byte[] b) {
    Field f = first("content-transfer-encoding");
    return f == null ? "7bit" : f.value(b).toLowerCase(Locale.ROOT);
  }

  /** The first field holding an octet above 127, or null. */
  @Nullable Field firstEightBit(byte[] b) {
    for (Field f : fields) {
      if (SevenBitConversion.hasEightBit(b, f.start(), f.end())) {
        return f;
      }
    }
    return null;
  }
}
