package org.sealpost.smtp;

/**
 * What {@link SmtpInput#readCommandLine(int)} found. Each outcome but {@link Line} names the reply the
 * caller is expected to send; the input is always left at the start of the next line, so the session
 * stays in step with the client.
 */
public sealed interface CommandRead {

  /** A command line, CRLF removed, decoded as UTF-8 (RFC 6531), free of control characters. */
  record Line(String text) implements CommandRead {}

  /**
   * The line was longer than allowed (SMTP-3); everything through its CRLF has been consumed. Reply
   * {@link #reply()} ({@code 500 5.5.2}), or {@code 500 5.5.6} for an AUTH continuation (RFC 4954 §4).
   *
   * @param length octets of the line up to the point where reading gave up counting exactly, at
   *     least the maximum plus one
   */
  record TooLong(long length) implements CommandRead {
    public Reply reply() {
      return Reply.of(500, "5.5.2", "Line too long");
    }
  }

  /**
   * The line held something other than text before its CRLF (SEC-8): a bare CR, a bare LF, another
   * control character, or octets that are not UTF-8. The whole line through its CRLF was consumed and
   * must not be acted on; reply {@link #reply()}.
   */
  record Invalid(Problem problem) implements CommandRead {
    public Reply reply() {
      return Reply.of(501, "5.5.2", problem.text);
    }
  }

  /** The client closed the stream (possibly in the middle of a line, which is dropped). */
  record EndOfStream() implements CommandRead {}

  /** Why a line was refused. */
  enum Problem {
    BARE_CR("Bare CR in command line"),
    BARE_LF("Bare LF in command line"),
    CONTROL_CHARACTER("Control character in command line"),
    INVALID_UTF8("Command line is not valid UTF-8");

    private final String text;

    Problem(String text) {
      this.text = text;
    }
  }
}
