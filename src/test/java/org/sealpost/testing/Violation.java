package org.sealpost.testing;

/**
 * Something the client did that a conforming SMTP client must not do. The peer records these and
 * carries on as a lenient server would, so a test sees both the violation and what followed; assert
 * {@code peer.violations()} is empty to prove the client's output clean (SEC-6).
 *
 * @param kind what rule was broken
 * @param detail which command or line, for the failure message
 */
public record Violation(Kind kind, String detail) {

  /** The rules the peer checks. */
  public enum Kind {
    /** A CR not followed by LF, or an LF not preceded by CR, in a message body (SMTP-1, SEC-6). */
    BARE_LINE_ENDING_IN_BODY,
    /** A body line longer than 998 octets before its CRLF (RFC 5321 §4.5.3.1.6). */
    LINE_TOO_LONG_IN_BODY,
    /** A command arrived before the reply to the previous one, and PIPELINING was not offered. */
    UNADVERTISED_PIPELINING,
    /**
     * More bytes arrived after a command that must end a pipelined group (EHLO, DATA, STARTTLS,
     * QUIT, NOOP, AUTH: RFC 2920 §3.1, RFC 3207 §4 / TLS-4), before its reply.
     */
    PIPELINED_AFTER_GROUP_END,
    /** A command, or a MAIL/RCPT parameter, of an extension the last EHLO did not offer. */
    UNADVERTISED_EXTENSION,
    /**
     * A command line that is not valid: bare CR or LF, another control character, not UTF-8, too
     * long, or bad MAIL/RCPT/BDAT syntax (SEC-8).
     */
    INVALID_COMMAND_LINE,
    /** The client spoke first, before the greeting (RFC 5321 §3.1 asks it to wait). */
    SPOKE_BEFORE_GREETING
  }
}
