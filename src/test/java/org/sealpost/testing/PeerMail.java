package org.sealpost.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.smtp.BdatCommand;
import org.sealpost.smtp.ChunkedBody;
import org.sealpost.smtp.Command;
import org.sealpost.smtp.CommandParser;
import org.sealpost.smtp.DataResult;
import org.sealpost.smtp.EsmtpParameter;
import org.sealpost.smtp.EsmtpParameters;
import org.sealpost.smtp.ForwardPath;
import org.sealpost.smtp.MailFromCommand;
import org.sealpost.smtp.Parsed;
import org.sealpost.smtp.RcptToCommand;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.ReversePath;
import org.sealpost.smtp.Verb;

/**
 * The mail transaction of one {@link PeerSession}: MAIL, RCPT, then the body by DATA or BDAT, and
 * the {@link Transaction} recorded when the body is complete. Bodies with bare line endings are
 * accepted (and the violation recorded), so a test sees exactly what the client sent.
 */
final class PeerMail {

  /** Larger bodies get {@code 552 5.3.4}; tests never come near it. */
  static final long MAX_BODY = 64L * 1024 * 1024;

  private final PeerSession session;
  private @Nullable MailFromCommand from;
  private final List<Transaction.Recipient> recipients = new ArrayList<>();
  private @Nullable ChunkedBody chunked;
  private ByteArrayOutputStream chunkContent = new ByteArrayOutputStream();
  private final List<Long> chunkSizes = new ArrayList<>();

  PeerMail(PeerSession session) {
    this.session = session;
  }

  /** Forgets the transaction (RSET, EHLO, STARTTLS, end of data). */
  void reset() {
    from = null;
    recipients.clear();
    chunked = null;
    chunkContent = new ByteArrayOutputStream();
    chunkSizes.clear();
  }

  void mail(Command c) throws IOException, PeerSession.Hangup {
    Reply reply;
    MailFromCommand candidate = null;
    if (!session.greeted()) {
      reply = Reply.of(503, "5.5.1", "Send EHLO or HELO first");
    } else if (from != null) {
      reply = Reply.of(503, "5.5.1", "Nested MAIL command");
    } else {
      switch (CommandParser.mailFrom(c.argument())) {
        case Parsed.Invalid<MailFromCommand>(Reply invalid) -> {
          session.violation(Violation.Kind.INVALID_COMMAND_LINE, "MAIL " + c.argument());
          reply = invalid;
        }
        case Parsed.Ok<MailFromCommand>(MailFromCommand command) -> {
          String unsupported = unsupported(command.parameters());
          reply = unsupported == null ? Reply.ok("2.1.0", "Sender ok")
              : Reply.of(555, "5.5.4", unsupported + " parameter not supported");
          candidate = unsupported == null ? command : null;
        }
      }
    }
    Reply sent = session.answer(Verb.MAIL, null, reply);
    if (sent.isPositive() && candidate != null) {
      from = candidate;
    }
  }

  void rcpt(Command c) throws IOException, PeerSession.Hangup {
    if (from == null) {
      session.answer(Verb.RCPT, null, Reply.of(503, "5.5.1", "Need MAIL command"));
      return;
    }
    switch (CommandParser.rcptTo(c.argument(), from.parameters().has("SMTPUTF8"))) {
      case Parsed.Invalid<RcptToCommand>(Reply invalid) -> {
        session.violation(Violation.Kind.INVALID_COMMAND_LINE, "RCPT " + c.argument());
        session.answer(Verb.RCPT, null, invalid);
      }
      case Parsed.Ok<RcptToCommand>(RcptToCommand command) -> {
        String address = switch (command.forwardPath()) {
          case ForwardPath.Mailbox(var mailbox) -> mailbox.toString();
          case ForwardPath.Postmaster p -> "postmaster";
        };
        String unsupported = unsupported(command.parameters());
        Reply reply = unsupported == null ? Reply.ok("2.1.5", "Recipient ok")
            : Reply.of(555, "5.5.4", unsupported + " parameter not supported");
        Reply sent = session.answer(Verb.RCPT, address, reply);
        recipients.add(new Transaction.Recipient(address, command.parameters(), sent));
      }
    }
  }

  void data(Command c) throws IOException, PeerSession.Hangup {
    Reply reply;
    if (c.hasArgument()) {
      reply = Reply.of(501, "5.5.4", "DATA takes no parameters");
    } else if (from == null) {
      reply = Reply.of(503, "5.5.1", "Need MAIL command");
    } else if (accepted().isEmpty()) {
      reply = Reply.of(554, "5.5.1", "No valid recipients");
    } else {
      reply = Reply.of(354, "End data with <CR><LF>.<CR><LF>");
    }
    session.checkPipelining(Verb.DATA);
    Rule rule = session.peer.takeRule(Rule.Point.COMMAND, Verb.DATA, null);
    Reply sent = session.respond(rule, reply, new byte[0]);
    if (sent.code() != 354) {
      return;
    }
    TapInputStream tap = session.tap();
    if (rule != null && rule.dropAfterBytes() >= 0) {
      for (long i = 0; i < rule.dropAfterBytes() && tap.read() >= 0; i++) {
        // read and forget: the message is lost with the connection
      }
      throw new PeerSession.Hangup(Transcript.Ending.PEER_CLOSED);
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    tap.startCapture();
    DataResult result = session.input().readData(content, MAX_BODY);
    byte[] wire = tap.stopCapture();
    if (result instanceof DataResult.EndOfStream) {
      throw new PeerSession.Hangup(Transcript.Ending.CLIENT_CLOSED);
    }
    finish(wire, content.toByteArray(), result);
  }

  void bdat(Command c) throws IOException, PeerSession.Hangup {
    if (!(CommandParser.bdat(c.argument()) instanceof Parsed.Ok<BdatCommand>(BdatCommand b))) {
      // Without a size the chunk cannot be skipped: the client has put us out of step.
      session.violation(Violation.Kind.INVALID_COMMAND_LINE, "BDAT " + c.argument());
      session.answer(Verb.BDAT, null, Reply.of(501, "5.5.4", "Syntax: BDAT chunk-size [LAST]"));
      return;
    }
    boolean offered = session.offered("CHUNKING", "BDAT");
    if (!offered || from == null || accepted().isEmpty()) {
      readChunk(b, new ChunkedBody(Long.MAX_VALUE), OutputStream.nullOutputStream());
      reset();
      session.answer(Verb.BDAT, null, !offered ? Reply.of(502, "5.5.1", "BDAT not offered")
          : Reply.of(503, "5.5.1", "Need MAIL and RCPT first"));
      return;
    }
    if (chunked == null) {
      chunked = new ChunkedBody(MAX_BODY);
    }
    DataResult result = readChunk(b, chunked, chunkContent);
    chunkSizes.add(b.size());
    if (b.last()) {
      byte[] content = chunkContent.toByteArray();
      finish(content, content, result);
      return;
    }
    Reply sent = session.answer(Verb.BDAT, null, Reply.ok("2.0.0", b.size() + " octets received"));
    if (!sent.isPositive()) {
      reset(); // RFC 3030 §2: a failed chunk ends the transaction
    }
  }

  /** Reads (and drops) the chunk of a BDAT command refused before the transaction looked at it. */
  void skipChunk(Command c) throws IOException, PeerSession.Hangup {
    if (CommandParser.bdat(c.argument()) instanceof Parsed.Ok<BdatCommand>(BdatCommand b)) {
      readChunk(b, new ChunkedBody(Long.MAX_VALUE), OutputStream.nullOutputStream());
    }
  }

  private DataResult readChunk(BdatCommand b, ChunkedBody body, OutputStream sink)
      throws IOException, PeerSession.Hangup {
    DataResult r = session.input().readChunk(b.size(), b.last(), body, sink);
    if (r instanceof DataResult.EndOfStream) {
      throw new PeerSession.Hangup(Transcript.Ending.CLIENT_CLOSED);
    }
    return r;
  }

  /** Scans the body, replies (once, or per recipient in LMTP) and records the transaction. */
  private void finish(byte[] wire, byte[] content, DataResult result)
      throws IOException, PeerSession.Hangup {
    List<Violation> found = BodyScan.scan(wire);
    found.forEach(v -> session.violation(v.kind(), v.detail()));
    session.checkPipeliningAfterBody();
    Reply ok = result instanceof DataResult.TooBig big ? big.reply()
        : Reply.ok("2.0.0", "Ok: queued as FAKE" + session.peer.nextQueueNumber());
    List<Reply> replies = new ArrayList<>();
    MailFromCommand mail = from;
    List<Transaction.Recipient> rcpts = List.copyOf(recipients);
    List<Long> chunks = List.copyOf(chunkSizes);
    reset();
    try {
      if (session.settings.dialect() == Dialect.LMTP) {
        for (Transaction.Recipient r : rcpts) {
          if (r.reply().isPositive()) {
            replies.add(session.respond(
                session.peer.takeRule(Rule.Point.END_OF_DATA, null, r.address()), ok, new byte[0]));
          }
        }
      } else {
        replies.add(session.respond(
            session.peer.takeRule(Rule.Point.END_OF_DATA, null, null), ok, new byte[0]));
      }
    } finally {
      // Recorded even when a rule hangs up after the body: the body did arrive in full.
      session.peer.transaction(new Transaction(
          mail == null ? "" : reversePath(mail.reversePath()),
          mail == null ? EsmtpParameters.NONE : mail.parameters(),
          rcpts, wire, content, chunks, session.tls(), replies, found));
    }
  }

  private List<Transaction.Recipient> accepted() {
    return recipients.stream().filter(r -> r.reply().isPositive()).toList();
  }

  private static String reversePath(ReversePath path) {
    return switch (path) {
      case ReversePath.Null n -> "";
      case ReversePath.Mailbox(var address) -> address.toString();
    };
  }

  /** The first parameter whose extension the last EHLO did not offer (RFC 5321 §4.1.1.11). */
  private @Nullable String unsupported(EsmtpParameters parameters) {
    for (EsmtpParameter p : parameters.list()) {
      String extension = switch (p.keyword()) {
        case "BODY" -> "BINARYMIME".equalsIgnoreCase(p.value()) ? "BINARYMIME" : "8BITMIME";
        case "RET", "ENVID", "NOTIFY", "ORCPT" -> "DSN";
        default -> p.keyword(); // SIZE, SMTPUTF8, REQUIRETLS, AUTH, MT-PRIORITY, ...
      };
      if (!session.offered(extension, "parameter " + p.keyword())) {
        return p.keyword();
      }
    }
    return null;
  }
}
