package org.sealpost.smtp.client;

import java.io.IOException;

/**
 * STARTTLS failed after the server agreed to it: the connection is closed and the host counts as a
 * TLS failure (RFC 8689 §4.2.1 step 6: never fall back to plaintext on the same connection).
 */
public final class SmtpTlsException extends IOException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Failure {
    /** Bytes followed the 220 reply before the handshake: a response injection (SEC-2, TLS-7). */
    BYTES_AFTER_READY,
    /** The TLS handshake failed (protocol, certificate, or connection). */
    HANDSHAKE
  }

  private final Failure failure;

  public SmtpTlsException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public SmtpTlsException(Failure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
