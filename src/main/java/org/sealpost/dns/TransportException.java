package org.sealpost.dns;

import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/**
 * No usable answer from any configured server. {@link Kind#TIMEOUT} when nothing came back at all;
 * {@link Kind#SERVER_FAILURE} when a server answered with an error rcode or only with garbage.
 * {@code lastError} keeps the last error answer, for its Extended DNS Errors (RFC 8914).
 */
final class TransportException extends IOException {

  enum Kind {
    TIMEOUT,
    SERVER_FAILURE
  }

  private final Kind kind;
  private final transient @Nullable Message lastError;

  TransportException(Kind kind, String message, @Nullable Message lastError) {
    super(message);
    this.kind = kind;
    this.lastError = lastError;
  }

  Kind kind() {
    return kind;
  }

  @Nullable Message lastError() {
    return lastError;
  }
}
