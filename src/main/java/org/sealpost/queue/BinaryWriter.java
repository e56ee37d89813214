package org.sealpost.queue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.MailAddress;

/**
 * The field encoding shared by the spool's saved formats (envelope section, status record):
 * big-endian integers, a string as a 4-byte length and strict UTF-8, an optional value as a
 * presence byte (0 or 1) and the value, an instant as epoch seconds and nanoseconds.
 */
final class BinaryWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  void int32(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  void int64(long v) {
    int32((int) (v >>> 32));
    int32((int) v);
  }

  void bool(boolean v) {
    out.write(v ? 1 : 0);
  }

  void present(boolean v) {
    bool(v);
  }

  void string(String s) {
    ByteBuffer utf8;
    try {
      // Strict: String.getBytes would silently turn a lone surrogate into '?'.
      utf8 = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("string is not valid Unicode", e);
    }
    int32(utf8.remaining());
    out.write(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
  }

  void optionalString(@Nullable String s) {
    present(s != null);
    if (s != null) {
      string(s);
    }
  }

  void instant(Instant t) {
    int64(t.getEpochSecond());
    int32(t.getNano());
  }

  void optionalInstant(@Nullable Instant t) {
    present(t != null);
    if (t != null) {
      instant(t);
    }
  }

  void address(MailAddress a) {
    string(a.localPart());
    string(a.domain().name());
  }

  void raw(byte[] bytes) {
    out.write(bytes, 0, bytes.length);
  }

  int size() {
    return out.size();
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
