package org.sealpost.smtp;

/**
 * How reading a message body ended ({@link SmtpInput#readData}, {@link SmtpInput#readChunk}). In every
 * case but {@link EndOfStream} the input is positioned just after the real end of the body, so the
 * next command is read correctly whatever the body held.
 */
public sealed interface DataResult {

  /** The body ended properly and every octet went to the sink. */
  record Complete(long size) implements DataResult {}

  /**
   * The body was larger than the limit (SEC-9). Octets past the limit were read and discarded, not
   * written; the sink holds a truncated body. Reply {@link #reply()} (RFC 1870 §6, SMTP-3).
   *
   * @param size octets the body really had
   */
  record TooBig(long size, long limit) implements DataResult {
    public Reply reply() {
      return Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");
    }
  }

  /**
   * A CR not followed by LF, or an LF not preceded by CR, occurred in the body (SMTP-1). Such a body
   * is what SMTP smuggling relies on (SEC-5): the project rejects it with {@link #reply()} after the
   * real end of data. Reported only when the body was not also {@link TooBig}.
   */
  record BareLineEnding(long size) implements DataResult {
    public Reply reply() {
      return Reply.of(550, "5.6.0", "Bare CR or LF in message content is not allowed");
    }
  }

  /** The stream ended before the body did: the client is gone; nothing was received. */
  record EndOfStream() implements DataResult {}
}
