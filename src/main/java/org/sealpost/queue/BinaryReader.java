package org.sealpost.queue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;

/**
 * Reads what {@link BinaryWriter} wrote. Every length and count is checked against the bytes left,
 * so garbage fails with {@link CorruptQueueFileException} or {@link
 * java.nio.BufferUnderflowException} (callers turn both into "corrupt"), never with a huge
 * allocation.
 */
final class BinaryReader {

  private final ByteBuffer in;

  BinaryReader(ByteBuffer in) {
    this.in = in;
  }

  int int32() {
    return in.getInt();
  }

  long int64() {
    return in.getLong();
  }

  boolean bool() throws CorruptQueueFileException {
    byte b = in.get();
    return switch (b) {
      case 0 -> false;
      case 1 -> true;
      default -> throw new CorruptQueueFileException("bad flag byte " + b);
    };
  }

  boolean present() throws CorruptQueueFileException {
    return bool();
  }

  /** A count of items that each take at least one byte, so it cannot exceed what is left. */
  int count() throws CorruptQueueFileException {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) {
      throw new CorruptQueueFileException("bad count " + n);
    }
    return n;
  }

  String string() throws CorruptQueueFileException {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new CorruptQueueFileException("bad string length " + length);
    }
    ByteBuffer slice = in.slice(in.position(), length);
    in.position(in.position() + length);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(slice).toString();
    } catch (CharacterCodingException e) {
      throw new CorruptQueueFileException("string is not UTF-8", e);
    }
  }

  @Nullable String optionalString() throws CorruptQueueFileException {
    return present() ? string() : null;
  }

  Instant instant() {
    return Instant.ofEpochSecond(int64(), int32());
  }

  @Nullable Instant optionalInstant() throws CorruptQueueFileException {
    return present() ? instant() : null;
  }

  MailAddress address() throws CorruptQueueFileException {
    String local = string();
    return new MailAddress(local, new Domain(string()));
  }

  void expectEnd(String what) throws CorruptQueueFileException {
    if (in.hasRemaining()) {
      throw new CorruptQueueFileException(in.remaining() + " unexpected bytes after " + what);
    }
  }
}
