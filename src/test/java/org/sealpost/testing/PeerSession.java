package org.sealpost.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.sealpost.smtp.Command;
import org.sealpost.smtp.CommandParser;
import org.sealpost.smtp.CommandRead;
import org.sealpost.smtp.Parsed;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.SmtpInput;
import org.sealpost.smtp.Verb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the peer: reads commands with {@link SmtpInput}, answers with {@link Reply},
 * applies the peer's {@link Rule}s and records the {@link Transcript}. The mail transaction itself
 * (MAIL, RCPT, DATA, BDAT) is {@link PeerMail}'s.
 */
final class PeerSession {

  private static final Logger log = LoggerFactory.getLogger(PeerSession.class);

  /** Generous: the peer records over-long lines as violations rather than cutting them. */
  private static final int MAX_COMMAND_LINE = 4096;

  /** RFC 2920 §3.1 (and RFC 3207 §4, RFC 4954 §4): these must be last in a pipelined group. */
  private static final Set<Verb> GROUP_END = Set.of(Verb.EHLO, Verb.HELO, Verb.LHLO, Verb.DATA,
      Verb.VRFY, Verb.EXPN, Verb.QUIT, Verb.NOOP, Verb.STARTTLS, Verb.AUTH);

  /** TLS-3: what a server requiring STARTTLS still answers normally. */
  private static final Set<Verb> ALLOWED_BEFORE_TLS = Set.of(Verb.EHLO, Verb.HELO, Verb.LHLO,
      Verb.NOOP, Verb.STARTTLS, Verb.QUIT);

  /** Unwinds the session loop when the connection ends. */
  static final class Hangup extends Exception {
    private static final long serialVersionUID = 1L;
    final Transcript.Ending ending;

    Hangup(Transcript.Ending ending) {
      super(ending.name(), null, false, false);
      this.ending = ending;
    }
  }

  final FakeSmtpPeer peer;
  final Settings settings;
  private Socket socket;
  private TapInputStream tap;
  private SmtpInput input;
  private OutputStream out;
  private boolean tls;
  private @Nullable TlsSeen tlsSeen;
  private @Nullable String tlsFailure;
  private boolean greeted;
  private boolean refused;
  private Set<String> offered = Set.of();
  private final List<Transcript.Command> commands = new ArrayList<>();
  private final List<Violation> violations = new ArrayList<>();
  private final PeerMail mail = new PeerMail(this);

  PeerSession(FakeSmtpPeer peer, Socket socket, Settings settings) {
    this.peer = peer;
    this.socket = socket;
    this.settings = settings;
  }

  void run() {
    Transcript.Ending ending;
    try {
      socket.setSoTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
      streams(socket);
      greet();
      while (true) {
        commandLoopStep();
      }
    } catch (Hangup h) {
      ending = h.ending;
    } catch (SocketTimeoutException e) {
      ending = Transcript.Ending.TIMED_OUT;
    } catch (IOException e) {
      ending = peer.closing() ? Transcript.Ending.PEER_CLOSED : Transcript.Ending.CLIENT_CLOSED;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a broken socket: nothing left to tell
    }
    log.debug("event=peer-connection-ended ending={} commands={}", ending, commands.size());
    peer.ended(new Transcript(commands, Optional.ofNullable(tlsSeen),
        Optional.ofNullable(tlsFailure), violations, ending));
  }

  private void streams(Socket s) throws IOException {
    tap = new TapInputStream(new BufferedInputStream(s.getInputStream()));
    input = new SmtpInput(tap, 64); // fed a byte at a time, the buffer never fills
    out = s.getOutputStream();
  }

  private void greet() throws IOException, Hangup {
    Rule rule = peer.takeRule(Rule.Point.GREETING, null, null);
    if (rule != null) {
      sleep(rule.delay());
      rule = rule.delay(Duration.ZERO); // slept already: the check below must follow the delay
    }
    if (input.hasBufferedInput()) {
      violation(Violation.Kind.SPOKE_BEFORE_GREETING, "bytes before the greeting");
    }
    Reply sent = respond(rule, settings.greetingReply(), new byte[0]);
    refused = !sent.isPositive();
  }

  private void commandLoopStep() throws IOException, Hangup {
    tap.startCapture();
    CommandRead read = input.readCommandLine(MAX_COMMAND_LINE);
    byte[] raw = tap.stopCapture();
    switch (read) {
      case CommandRead.EndOfStream e -> throw new Hangup(Transcript.Ending.CLIENT_CLOSED);
      case CommandRead.TooLong t -> {
        record(rawLine(raw));
        violation(Violation.Kind.INVALID_COMMAND_LINE, "line of " + t.length() + " octets");
        send(t.reply());
      }
      case CommandRead.Invalid i -> {
        record(rawLine(raw));
        violation(Violation.Kind.INVALID_COMMAND_LINE, i.problem().name());
        send(i.reply());
      }
      case CommandRead.Line(String text) -> {
        record(text);
        handle(Command.parse(text));
      }
    }
  }

  private void handle(Command c) throws IOException, Hangup {
    Verb verb = c.verb();
    if (refused && verb != Verb.QUIT) {
      // RFC 5321 §3.1: after a 554 greeting the server waits for QUIT, answering 503 meanwhile.
      if (verb == Verb.BDAT) {
        mail.skipChunk(c);
      }
      answer(verb, null, Reply.of(503, "5.5.1", "No service, send QUIT"));
      return;
    }
    if (settings.requireStartTls() && !tls && !ALLOWED_BEFORE_TLS.contains(verb)) {
      if (verb == Verb.BDAT) {
        mail.skipChunk(c); // RFC 3030 §2: the chunk follows whatever the reply, read it first
      }
      answer(verb, null, Reply.of(530, "5.7.0", "Must issue a STARTTLS command first"));
      return;
    }
    switch (verb) {
      case EHLO, HELO, LHLO -> hello(c);
      case STARTTLS -> startTls(c);
      case AUTH -> auth(c);
      case MAIL -> mail.mail(c);
      case RCPT -> mail.rcpt(c);
      case DATA -> mail.data(c);
      case BDAT -> mail.bdat(c);
      case RSET -> {
        mail.reset();
        answer(verb, null, Reply.ok("2.0.0", "Ok"));
      }
      case NOOP -> answer(verb, null, Reply.ok("2.0.0", "Ok"));
      case VRFY -> answer(verb, null, Reply.of(252, "2.5.0", "Cannot VRFY user"));
      case HELP -> answer(verb, null, Reply.of(214, "2.0.0", "FakeSmtpPeer"));
      case EXPN -> answer(verb, null, Reply.of(502, "5.5.1", "EXPN not implemented"));
      case QUIT -> {
        answer(verb, null, Reply.of(221, "2.0.0", "Bye"));
        throw new Hangup(Transcript.Ending.QUIT);
      }
      case UNKNOWN -> answer(verb, null, Reply.of(500, "5.5.1", "Command not recognized"));
    }
  }

  private void hello(Command c) throws IOException, Hangup {
    Verb verb = c.verb();
    Dialect dialect = settings.dialect();
    boolean known = switch (dialect) {
      case ESMTP -> verb != Verb.LHLO;
      case HELO_ONLY -> verb == Verb.HELO;
      case LMTP -> verb == Verb.LHLO;
    };
    Reply reply;
    if (!known) {
      reply = Reply.of(500, "5.5.1", "Command not recognized");
    } else if (CommandParser.helo(c.argument()) instanceof Parsed.Invalid<?>(Reply invalid)) {
      violation(Violation.Kind.INVALID_COMMAND_LINE, Reply.safeText(c.word() + " " + c.argument()));
      reply = invalid;
    } else if (verb == Verb.HELO) {
      reply = Reply.of(250, settings.hostname());
    } else {
      List<String> lines = new ArrayList<>();
      lines.add(settings.hostname() + " greets " + Reply.safeText(c.argument()));
      lines.addAll(settings.extensions(tls));
      reply = Reply.multiline(250, lines);
    }
    Reply sent = answer(verb, null, reply);
    if (sent.isPositive()) {
      greeted = true;
      mail.reset();
      offered = verb == Verb.HELO ? Set.of() : keywords(sent);
    }
  }

  private static Set<String> keywords(Reply ehlo) {
    return ehlo.lines().stream().skip(1)
        .map(l -> l.strip().split(" +")[0].toUpperCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  private void startTls(Command c) throws IOException, Hangup {
    StartTlsBehaviour behaviour = settings.startTls();
    Reply reply;
    if (!offered("STARTTLS", "STARTTLS")) {
      reply = tls ? Reply.of(503, "5.5.1", "TLS already active")
          : Reply.of(502, "5.5.1", "STARTTLS not offered");
    } else if (c.hasArgument()) {
      reply = Reply.of(501, "5.5.4", "STARTTLS takes no parameters"); // TLS-1
    } else if (behaviour == StartTlsBehaviour.REFUSE_454 || settings.certificate() == null) {
      reply = Reply.of(454, "4.7.0", "TLS not available due to temporary reason");
    } else {
      reply = Reply.of(220, "2.0.0", "Ready to start TLS");
    }
    checkPipelining(Verb.STARTTLS);
    Rule rule = peer.takeRule(Rule.Point.COMMAND, Verb.STARTTLS, null);
    byte[] injected = behaviour == StartTlsBehaviour.INJECT_AFTER_READY
        ? "250 2.0.0 injected before the handshake\r\n".getBytes(StandardCharsets.US_ASCII)
        : new byte[0];
    Reply sent = respond(rule, reply, reply.code() == 220 ? injected : new byte[0]);
    if (sent.code() != 220 || settings.certificate() == null) {
      return;
    }
    if (behaviour == StartTlsBehaviour.CLOSE_AFTER_READY) {
      throw new Hangup(Transcript.Ending.PEER_CLOSED);
    }
    SSLSocket ssl;
    try {
      // Bytes the client sent before our 220 stay in the old buffer and are dropped (TLS-7).
      ssl = PeerTls.accept(socket, settings.certificate(), behaviour);
    } catch (IOException e) {
      tlsFailure = String.valueOf(e.getMessage());
      throw new Hangup(Transcript.Ending.HANDSHAKE_FAILED);
    }
    socket = ssl;
    streams(ssl);
    tls = true;
    tlsSeen = PeerTls.seen(ssl.getSession());
    greeted = false; // TLS-6: forget everything from before TLS
    offered = Set.of();
    mail.reset();
    log.debug("event=peer-tls protocol={} cipher={}", tlsSeen.protocol(), tlsSeen.cipherSuite());
  }

  /** AUTH PLAIN and LOGIN (RFC 4954), any credentials accepted; the transcript keeps them. */
  private void auth(Command c) throws IOException, Hangup {
    Rule rule = peer.takeRule(Rule.Point.COMMAND, Verb.AUTH, null);
    if (!offered("AUTH", "AUTH")) {
      respond(rule, Reply.of(502, "5.5.1", "AUTH not offered"), new byte[0]);
      return;
    }
    checkPipelining(Verb.AUTH);
    String[] words = c.argument().split(" ");
    String mechanism = words[0].toUpperCase(Locale.ROOT);
    if (mechanism.equals("PLAIN")) {
      if (words.length < 2) {
        challenge("");
      }
    } else if (mechanism.equals("LOGIN")) {
      if (words.length < 2) {
        challenge(base64("Username:"));
      }
      challenge(base64("Password:"));
    } else {
      respond(rule, Reply.of(504, "5.5.4", "Unrecognized authentication type"), new byte[0]);
      return;
    }
    respond(rule, Reply.of(235, "2.7.0", "Authentication successful"), new byte[0]);
  }

  private void challenge(String text) throws IOException, Hangup {
    send(Reply.of(334, text));
    tap.startCapture();
    CommandRead read = input.readCommandLine(MAX_COMMAND_LINE);
    byte[] raw = tap.stopCapture();
    if (read instanceof CommandRead.EndOfStream) {
      throw new Hangup(Transcript.Ending.CLIENT_CLOSED);
    }
    record(read instanceof CommandRead.Line(String line) ? line : rawLine(raw));
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  // --- shared with PeerMail ---

  /** Checks pipelining for {@code verb}, applies the next rule for it, and sends the reply. */
  Reply answer(Verb verb, @Nullable String address, Reply defaultReply)
      throws IOException, Hangup {
    checkPipelining(verb);
    return respond(peer.takeRule(Rule.Point.COMMAND, verb, address), defaultReply, new byte[0]);
  }

  /**
   * Sends {@code defaultReply}, or what {@code rule} says instead, and {@code extra} bytes in the
   * same write; closes the connection when the rule says so.
   */
  Reply respond(@Nullable Rule rule, Reply defaultReply, byte[] extra) throws IOException, Hangup {
    if (rule != null) {
      sleep(rule.delay());
      if (rule.closeInstead()) {
        throw new Hangup(Transcript.Ending.PEER_CLOSED);
      }
    }
    Reply reply = rule != null && rule.reply() != null ? rule.reply() : defaultReply;
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(reply.toWire());
    wire.writeBytes(extra);
    out.write(wire.toByteArray());
    out.flush();
    log.debug("S: {}", reply);
    if (rule != null && rule.closeAfter()) {
      throw new Hangup(Transcript.Ending.PEER_CLOSED);
    }
    return reply;
  }

  void send(Reply reply) throws IOException {
    out.write(reply.toWire());
    out.flush();
    log.debug("S: {}", reply);
  }

  /**
   * RFC 2920 §3.1: a client may send before the previous reply only when PIPELINING was offered,
   * and never past a command that ends a group. Checked before replying, so bytes waiting now were
   * sent before the reply; a late packet can hide a violation, never invent one.
   */
  void checkPipelining(Verb verb) {
    if (!input.hasBufferedInput()) {
      return;
    }
    if (!offered.contains("PIPELINING")) {
      violation(Violation.Kind.UNADVERTISED_PIPELINING, "bytes after " + verb + " before its reply");
    } else if (GROUP_END.contains(verb)) {
      violation(Violation.Kind.PIPELINED_AFTER_GROUP_END, "bytes after " + verb
          + " before its reply");
    }
  }

  /** After a body: more bytes may follow only with PIPELINING (RFC 2920 §3.1). */
  void checkPipeliningAfterBody() {
    if (input.hasBufferedInput() && !offered.contains("PIPELINING")) {
      violation(Violation.Kind.UNADVERTISED_PIPELINING, "bytes after end of data before its reply");
    }
  }

  /** True when the last EHLO/LHLO offered {@code keyword}; records a violation when not. */
  boolean offered(String keyword, String what) {
    if (offered.contains(keyword)) {
      return true;
    }
    violation(Violation.Kind.UNADVERTISED_EXTENSION, what + " without " + keyword + " offered");
    return false;
  }

  void violation(Violation.Kind kind, String detail) {
    Violation v = new Violation(kind, detail);
    violations.add(v);
    peer.violation(v);
    log.debug("event=peer-violation kind={} detail={}", kind, detail);
  }

  private void record(String line) {
    commands.add(new Transcript.Command(line, tls));
    log.debug("C: {} tls={}", line.startsWith("AUTH ") ? "AUTH <redacted>" : line, tls);
  }

  private static String rawLine(byte[] raw) {
    int end = raw.length;
    if (end >= 2 && raw[end - 2] == '\r' && raw[end - 1] == '\n') {
      end -= 2;
    }
    return new String(raw, 0, end, StandardCharsets.UTF_8);
  }

  private static void sleep(Duration d) throws IOException {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  boolean tls() {
    return tls;
  }

  boolean greeted() {
    return greeted;
  }

  SmtpInput input() {
    return input;
  }

  TapInputStream tap() {
    return tap;
  }
}
