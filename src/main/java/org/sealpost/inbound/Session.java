package org.sealpost.inbound;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.TlsFacts;
import org.sealpost.smtp.Command;
import org.sealpost.smtp.CommandRead;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.SmtpInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP server session (RFC 5321): reads commands, dispatches each verb to its own class, and
 * writes replies. It owns the session state; the verb classes change it through the methods here.
 * Every exit path says goodbye with a reply (221 or 421), never a silent close.
 */
final class Session {

  private static final Logger log = LoggerFactory.getLogger("smtpd");
  private static final Logger transcript = LoggerFactory.getLogger("smtpd.transcript");

  final InboundContext context;
  private final Transport transport;
  private SmtpInput input;
  private OutputStream output;
  private final Instant deadline;

  // Session state (RFC 5321 §4.1.4): reset by EHLO and STARTTLS.
  @Nullable String heloName;
  boolean esmtp;
  @Nullable String authenticatedUser;
  @Nullable Transaction transaction;
  private int errors;
  private int commands;
  private boolean closing;
  private boolean redactNextLine;

  Session(InboundContext context, Transport transport) {
    this.context = context;
    this.transport = transport;
    this.input = new SmtpInput(transport.input());
    this.output = new BufferedOutputStream(transport.output(), 8192);
    this.deadline = context.clock().instant().plus(context.limits().sessionTimeout());
  }

  Instant deadline() {
    return deadline;
  }

  /** Runs the session to its end; never throws. */
  void run() {
    String peer = peer();
    log.info("connect from {} listener={}", peer, context.listener().name());
    try {
      transport.setReadTimeout(context.limits().idleTimeout());
      if (context.listener().kind().implicitTls()) {
        // RFC 8314 §3: the TLS handshake comes first on an implicit-TLS port.
        startTlsNow();
      }
      reply(Reply.of(220, context.serverName() + " ESMTP Sealpost"));
      flush();
      loop();
    } catch (SocketTimeoutException e) {
      goodbye(Reply.of(421, "4.4.2", context.serverName() + " idle timeout, closing connection"));
    } catch (IOException e) {
      if (pastDeadline()) {
        goodbye(Reply.of(421, "4.4.2", context.serverName() + " session time limit reached"));
      } else {
        log.info("lost connection from {}: {}", peer, e.getMessage());
      }
    } catch (RuntimeException e) {
      log.error("session from {} failed: {}", peer, e.toString(), e);
      goodbye(Reply.of(421, "4.3.0", context.serverName() + " internal error, closing connection"));
    } finally {
      Transaction t = transaction;
      if (t != null) {
        t.abandon();
      }
      transport.close();
      log.info("disconnect from {} commands={} errors={}", peer, commands, errors);
    }
  }

  private void loop() throws IOException {
    while (!closing) {
      if (pastDeadline()) {
        goodbye(Reply.of(421, "4.4.2", context.serverName() + " session time limit reached"));
        return;
      }
      CommandRead read = input.readCommandLine(maxCommandLength());
      switch (read) {
        case CommandRead.EndOfStream e -> {
          if (pastDeadline()) {
            goodbye(Reply.of(421, "4.4.2", context.serverName() + " session time limit reached"));
          }
          return;
        }
        case CommandRead.TooLong t -> error(t.reply());
        case CommandRead.Invalid i -> error(i.reply());
        case CommandRead.Line line -> {
          logClientLine(line.text());
          if (++commands > context.limits().maxCommands()) {
            goodbye(Reply.of(421, "4.7.0", context.serverName() + " too many commands, closing"));
            return;
          }
          dispatch(Command.parse(line.text()));
        }
      }
      if (!closing && !input.hasBufferedInput()) {
        flush(); // RFC 2920 §3.1: flush pipelined replies only when the input runs dry.
      }
    }
  }

  private void dispatch(Command command) throws IOException {
    switch (command.verb()) {
      case EHLO -> Hello.ehlo(this, command.argument());
      case HELO -> Hello.helo(this, command.argument());
      case MAIL -> MailFrom.handle(this, command.argument());
      case RCPT -> RcptTo.handle(this, command.argument());
      case DATA -> Data.handle(this, command.argument());
      case BDAT -> Bdat.handle(this, command.argument());
      case STARTTLS -> StartTls.handle(this, command.argument());
      case AUTH -> Auth.handle(this, command.argument());
      case RSET -> Basics.rset(this, command.argument());
      case NOOP -> reply(Reply.of(250, "2.0.0", "Ok"));
      case QUIT -> Basics.quit(this);
      case VRFY -> Basics.vrfy(this, command.argument());
      case EXPN -> error(Reply.of(502, "5.5.1", "EXPN is not supported"));
      case HELP -> Basics.help(this);
      case LHLO, UNKNOWN -> error(Reply.of(500, "5.5.2", "Command not recognized"));
    }
  }

  // ---- what the verb classes use ----

  SmtpInput input() {
    return input;
  }

  Transport transport() {
    return transport;
  }

  boolean tlsActive() {
    return transport.tls() != null;
  }

  boolean authenticated() {
    return authenticatedUser != null;
  }

  /** Writes a reply (buffered; see {@link #flush()}). */
  void reply(Reply reply) throws IOException {
    if (transcript.isDebugEnabled()) {
      transcript.debug("{} < {}", peer(), reply.toString().strip());
    }
    output.write(reply.toWire());
  }

  /** Writes a failure reply and counts it; too many errors end the session (SEC-9, SMTP-12). */
  void error(Reply reply) throws IOException {
    reply(reply);
    if (++errors >= context.limits().maxErrors()) {
      log.info("too many errors from {} ({}), disconnecting", peer(), errors);
      goodbye(Reply.of(421, "4.7.0", context.serverName() + " too many errors, closing connection"));
    }
  }

  void flush() throws IOException {
    output.flush();
  }

  /** Writes a final reply and ends the session after it. */
  void goodbye(Reply reply) {
    closing = true;
    try {
      reply(reply);
      flush();
    } catch (IOException e) {
      // The peer is gone already; nothing more to say.
    }
  }

  /** The transcript must not show the next client line (an AUTH response, EXT-5). */
  void redactNextClientLine() {
    redactNextLine = true;
  }

  /** Reads one more client line inside a verb (AUTH exchanges), with the given length limit. */
  CommandRead readLine(int maxLength) throws IOException {
    CommandRead read = input.readCommandLine(maxLength);
    if (read instanceof CommandRead.Line line) {
      logClientLine(line.text());
    }
    return read;
  }

  /** Forgets the transaction (RSET, EHLO, STARTTLS, end of DATA). */
  void resetTransaction() {
    Transaction t = transaction;
    transaction = null;
    if (t != null) {
      t.abandon();
    }
  }

  /**
   * RFC 3207 §4.2 (TLS-6): after the handshake the session is as new, and nothing said before it
   * counts; the old input buffer is dropped with the plaintext stream.
   */
  void startTlsNow() throws IOException {
    TlsFacts facts;
    try {
      facts = transport.startTls();
    } catch (IOException e) {
      log.info("TLS handshake failed from {}: {}", peer(), e.getMessage());
      throw e;
    }
    transport.setReadTimeout(context.limits().idleTimeout());
    input = new SmtpInput(transport.input());
    output = new BufferedOutputStream(transport.output(), 8192);
    heloName = null;
    esmtp = false;
    authenticatedUser = null;
    resetTransaction();
    log.info("tls from {} {} {}", peer(), facts.protocol(), facts.cipherSuite());
  }

  ClientInfo clientInfo() {
    return new ClientInfo(
        transport.remoteAddress().getHostAddress(),
        transport.remotePort(),
        heloName == null ? "unknown" : heloName,
        context.listener().name(),
        transport.tls(),
        authenticatedUser);
  }

  String peer() {
    return "[" + transport.remoteAddress().getHostAddress() + "]:" + transport.remotePort();
  }

  /** RFC 5321 §4.5.3.1.4 plus the increments of the extensions we offer (SMTP-3, RT-5, DSN-6). */
  int maxCommandLength() {
    // 512 + SIZE(26) + BODY(15) + SMTPUTF8(10) + REQUIRETLS(11) + AUTH=(500) + RET/ENVID(~110) +
    // NOTIFY/ORCPT (RCPT, 524): the largest of MAIL and RCPT, rounded up generously.
    return esmtp ? 2048 : SmtpInput.BASE_COMMAND_LINE_LENGTH;
  }

  private boolean pastDeadline() {
    return context.clock().instant().isAfter(deadline);
  }

  private void logClientLine(String line) {
    if (!transcript.isDebugEnabled()) {
      redactNextLine = false;
      return;
    }
    String shown = line;
    if (redactNextLine) {
      shown = "***";
    } else if (line.regionMatches(true, 0, "AUTH ", 0, 5)) {
      int space = line.indexOf(' ', 5);
      shown = space < 0 ? line : line.substring(0, space) + " ***";
    }
    redactNextLine = false;
    transcript.debug("{} > {}", peer(), shown);
  }
}
