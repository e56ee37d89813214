package org.sealpost.delivery.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Walks one MIME entity in a byte array and writes its 7-bit form (see the package doc for the
 * rules). Regions without 8-bit octets are copied unchanged; the rest is rebuilt part by part.
 */
final class EntityConverter {

  /** Deeper nesting is refused (SEC-9: bounded MIME depth). */
  static final int MAX_DEPTH = 32;

  private static final byte[] CRLF = {'\r', '\n'};
  private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(QuotedPrintable.MAX_LINE, CRLF);

  private final byte[] b;
  private final ByteArrayOutputStream out;
  private int partsEncoded;

  EntityConverter(byte[] content, ByteArrayOutputStream out) {
    this.b = content;
    this.out = out;
  }

  int partsEncoded() {
    return partsEncoded;
  }

  /**
   * A whole message (top level or inside {@code message/rfc822}): refused when it carries a DKIM
   * or ARC signature that conversion would break, else converted as an entity.
   */
  void message(int start, int end, int depth) throws Unconvertible {
    if (!SevenBitConversion.hasEightBit(b, start, end)) {
      out.write(b, start, end - start);
      return;
    }
    HeaderSection h = HeaderSection.parse(b, start, end);
    if (h.has("dkim-signature") || h.has("arc-message-signature")) {
      throw new Unconvertible("the message is 8-bit and DKIM/ARC-signed; converting it to 7-bit would break the signature");
    }
    HeaderSection.Field raw = h.firstEightBit(b);
    if (raw != null) {
      throw new Unconvertible("raw 8-bit octets in the " + raw.name() + " header field need SMTPUTF8");
    }
    if (!h.has("mime-version")) {
      throw new Unconvertible("the message is 8-bit but not MIME (no MIME-Version field)");
    }
    entity(start, end, depth);
  }

  void entity(int start, int end, int depth) throws Unconvertible {
    if (!SevenBitConversion.hasEightBit(b, start, end)) {
      out.write(b, start, end - start);
      return;
    }
    if (depth > MAX_DEPTH) {
      throw new Unconvertible("MIME nesting deeper than " + MAX_DEPTH + " levels");
    }
    HeaderSection h = HeaderSection.parse(b, start, end);
    HeaderSection.Field raw = h.firstEightBit(b);
    if (raw != null) {
      throw new Unconvertible("raw 8-bit octets in the " + raw.name() + " header field need SMTPUTF8");
    }
    HeaderSection.Field typeField = h.first("content-type");
    ContentType type = ContentType.parse(typeField == null ? null : typeField.value(b));
    String encoding = h.transferEncoding(b);
    boolean identity = encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
    if (!identity) {
      throw new Unconvertible("8-bit octets in a part labelled " + encoding);
    }
    if (type.type().equals("multipart")) {
      multipart(h, type, end, depth);
    } else if (type.is("message", "rfc822")) {
      // RFC 2046 §5.2.1: never encoded as a whole; its own parts are converted instead.
      header(h, "7bit");
      message(h.bodyStart(), end, depth + 1);
    } else if (type.type().equals("message")) {
      throw new Unconvertible("8-bit octets in a message/" + type.subtype() + " part");
    } else {
      boolean text = type.type().equals("text");
      header(h, text ? "quoted-printable" : "base64");
      leaf(h.bodyStart(), end, text);
      partsEncoded++;
    }
  }

  private void multipart(HeaderSection h, ContentType type, int end, int depth) throws Unconvertible {
    if (type.subtype().equals("signed")) {
      throw new Unconvertible("8-bit octets inside multipart/signed; converting them would break the signature");
    }
    String boundary = type.boundary();
    if (boundary == null || boundary.isEmpty()) {
      throw new Unconvertible("a multipart/" + type.subtype() + " part without a boundary");
    }
    header(h, "7bit");
    byte[] dash = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int cursor = h.bodyStart(); // next octet not yet written
    int partStart = -1; // start of the current body part, -1 in the preamble
    int i = h.bodyStart();
    while (i < end) {
      int lineEnd = HeaderSection.lineEnd(b, i, end);
      int next = Math.min(end, lineEnd + 2);
      Delimiter d = delimiter(i, lineEnd, dash);
      if (d != Delimiter.NONE) {
        // RFC 2046 §5.1.1: the CRLF before a delimiter belongs to it, not to the part.
        int contentEnd = i >= cursor + 2 && b[i - 2] == '\r' ? i - 2 : i;
        if (partStart < 0) {
          requireSevenBit(cursor, contentEnd, "preamble");
        } else {
          entity(partStart, Math.max(partStart, contentEnd), depth + 1);
          cursor = Math.max(partStart, contentEnd);
        }
        out.write(b, cursor, next - cursor);
        cursor = next;
        if (d == Delimiter.CLOSE) {
          requireSevenBit(cursor, end, "epilogue");
          out.write(b, cursor, end - cursor);
          return;
        }
        partStart = next;
      }
      i = next;
    }
    // No close delimiter: the last part runs to the end (lenient, like most readers).
    if (partStart < 0) {
      requireSevenBit(cursor, end, "preamble");
      out.write(b, cursor, end - cursor);
    } else {
      entity(partStart, end, depth + 1);
    }
  }

  private enum Delimiter { NONE, PART, CLOSE }

  /** Whether the line {@code [start, lineEnd)} is {@code --boundary} or {@code --boundary--}, padding allowed. */
  private Delimiter delimiter(int start, int lineEnd, byte[] dash) {
    if (lineEnd - start < dash.length) {
      return Delimiter.NONE;
    }
    for (int k = 0; k < dash.length; k++) {
      if (b[start + k] != dash[k]) {
        return Delimiter.NONE;
      }
    }
    int j = start + dash.length;
    Delimiter kind = Delimiter.PART;
    if (j + 1 < lineEnd && b[j] == '-' && b[j + 1] == '-') {
      kind = Delimiter.CLOSE;
      j += 2;
    }
    for (; j < lineEnd; j++) {
      if (b[j] != ' ' && b[j] != '\t') {
        return Delimiter.NONE; // a longer boundary that merely starts the same
      }
    }
    return kind;
  }

  private void requireSevenBit(int start, int end, String where) throws Unconvertible {
    if (SevenBitConversion.hasEightBit(b, start, end)) {
      throw new Unconvertible("8-bit octets in a multipart " + where);
    }
  }

  /** The fields except Content-Transfer-Encoding, then that field set to {@code encoding}. */
  private void header(HeaderSection h, String encoding) {
    for (HeaderSection.Field f : h.fields()) {
      if (!f.name().equals("content-transfer-encoding")) {
        out.write(b, f.start(), f.end() - f.start());
        if (f.end() < 2 || b[f.end() - 1] != '\n') {
          out.write(CRLF, 0, 2); // a last field without CRLF (no body): end it before ours
        }
      }
    }
    out.writeBytes(("Content-Transfer-Encoding: " + encoding + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(CRLF, 0, 2);
  }

  private void leaf(int start, int end, boolean text) {
    if (text) {
      QuotedPrintable.encode(b, start, end, out);
      return;
    }
    byte[] body = new byte[end - start];
    System.arraycopy(b, start, body, 0, body.length);
    out.writeBytes(BASE64.encode(body));
    if (end - start >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n') {
      out.write(CRLF, 0, 2); // keep the line structure of what follows (top level: the final CRLF)
    }
  }
}
