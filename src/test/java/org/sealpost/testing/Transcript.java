package org.sealpost.testing;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One finished connection as the peer saw it: every command line in order, whether TLS was up when
 * it arrived, the TLS session, the client's protocol violations and how the connection ended.
 *
 * @param commands command lines as received (without CRLF; AUTH responses included as sent); body
 *     bytes are not here but in the {@link Transaction}
 * @param tls the TLS session, when a handshake completed
 * @param tlsFailure the peer's view of a failed handshake (the JSSE message), if one failed
 * @param violations what the client did wrong on this connection, in order
 * @param ending how the connection ended
 */
public record Transcript(
    List<Command> commands,
    Optional<TlsSeen> tls,
    Optional<String> tlsFailure,
    List<Violation> violations,
    Ending ending) {

  public Transcript {
    commands = List.copyOf(commands);
    violations = List.copyOf(violations);
  }

  /**
   * One command line.
   *
   * @param line the line as received, CRLF removed (an invalid line keeps its bare CR or LF)
   * @param overTls true when it arrived inside TLS
   */
  public record Command(String line, boolean overTls) {

    /** The verb, upper-cased: {@code "MAIL"} for {@code "mail FROM:<a@b>"}. */
    public String verb() {
      int sp = line.indexOf(' ');
      return (sp < 0 ? line : line.substring(0, sp)).toUpperCase(java.util.Locale.ROOT);
    }
  }

  /** How a connection ended. */
  public enum Ending {
    /** The client sent QUIT and got 221. */
    QUIT,
    /** The client closed the connection without QUIT (or reset it). */
    CLIENT_CLOSED,
    /** The peer closed it: a {@link Rule} or {@link StartTlsBehaviour} said so, or it shut down. */
    PEER_CLOSED,
    /** The TLS handshake failed; see {@link #tlsFailure()}. */
    HANDSHAKE_FAILED,
    /** The client sent nothing for the peer's read timeout. */
    TIMED_OUT
  }

  /** The lines only, e.g. {@code ["EHLO c.test", "STARTTLS", "EHLO c.test", "MAIL FROM:<a@b>"]}. */
  public List<String> lines() {
    return commands.stream().map(Command::line).toList();
  }

  /** The verbs only, upper-cased: {@code ["EHLO", "STARTTLS", "EHLO", "MAIL", "QUIT"]}. */
  public List<String> verbs() {
    return commands.stream().map(Command::verb).toList();
  }

  /** The first command with this verb, if any. */
  public @Nullable Command first(String verb) {
    return commands.stream().filter(c -> c.verb().equalsIgnoreCase(verb)).findFirst().orElse(null);
  }
}
