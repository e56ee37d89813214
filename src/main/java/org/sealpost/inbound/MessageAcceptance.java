package org.sealpost.inbound;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.sealpost.mail.Envelope;

import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.requiretls.MessageTagging;
import org.sealpost.policy.requiretls.TlsRequiredField;
import org.sealpost.queue.Intake;
import org.sealpost.smtp.DataResult;
import org.sealpost.smtp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one message from DATA or BDAT into the spool: prepends the Received field, streams the
 * content through the {@link HeaderScanner} into a spool draft, tags the message (RFC 8689 §4.1),
 * and answers 250 only after the spool has committed it to stable storage (RFC 5321 §6.1). Every
 * other outcome discards the draft, so nothing half-received is ever kept.
 */
final class MessageAcceptance {

  private static final Logger log = LoggerFactory.getLogger("smtpd");

  private final Session session;
  private final Transaction transaction;
  private final Intake.Draft draft;
  private final GuardedSink guarded;
  private final HeaderScanner scanner;
  private final String protocol;

  private MessageAcceptance(Session session, Transaction transaction, Intake.Draft draft, String protocol)
      throws IOException {
    this.session = session;
    this.transaction = transaction;
    this.draft = draft;
    this.protocol = protocol;
    this.guarded = new GuardedSink(draft.content());
    this.scanner = new HeaderScanner(guarded, session.context.limits().maxHeaderBytes());
  }

  /** Opens a spool draft and writes the trace field; on a storage failure replies 451 and returns null. */
  static MessageAcceptance begin(Session s, Transaction t) throws IOException {
    Instant now = s.context.clock().instant();
    QueueId id = QueueId.generate(now);
    Intake.Draft draft = s.context.intake().begin(id);
    String protocol =
        ReceivedField.protocol(s.esmtp, s.tlsActive(), s.authenticated(), t.smtpUtf8);
    MessageAcceptance m = new MessageAcceptance(s, t, draft, protocol);
    String received =
        ReceivedField.render(
            s.clientInfo(),
            s.context.serverName(),
            protocol,
            id,
            provisionalRequirement(t),
            t.recipients.stream().map(Recipient::address).toList(),
            now);
    m.guarded.write(received.getBytes(StandardCharsets.UTF_8));
    return m;
  }

  private static TlsRequirement provisionalRequirement(Transaction t) {
    return MessageTagging.tag(t.requireTls, TlsRequiredField.Verdict.ABSENT).requirement();
  }

  QueueId queueId() {
    return draft.queueId();
  }

  /** Where the decoded content goes. */
  OutputStream sink() {
    return scanner;
  }

  void abort() {
    draft.close();
  }

  /**
   * Judges the end of the content and replies. The transaction ends here whatever the outcome.
   *
   * @throws EOFException when the client went away mid-message (nothing is kept)
   */
  void finish(DataResult result) throws IOException {
    try {
      finishOrAbort(result);
    } finally {
      draft.close(); // no effect after a successful commit
      session.transaction = null;
      transaction.chunked = null;
      transaction.chunkedBody = null;
    }
  }

  private void finishOrAbort(DataResult result) throws IOException {
    QueueId id = draft.queueId();
    switch (result) {
      case DataResult.EndOfStream e -> throw new EOFException("connection closed during message content");
      case DataResult.TooBig big -> {
        log.info("{}: reject: message from {} too big ({} > {} octets)", id, session.peer(), big.size(), big.limit());
        session.error(big.reply());
        return;
      }
      case DataResult.BareLineEnding bare -> {
        // SEC-5: bare CR or LF in content is refused after the real end of data.
        log.info("{}: reject: message from {} has a bare CR or LF (SMTP smuggling defence)", id, session.peer());
        session.error(bare.reply());
        return;
      }
      case DataResult.Complete c -> {
        // fall through to the checks below
      }
    }
    scanner.finish();
    if (guarded.failure != null) {
      storageFailure(guarded.failure);
      return;
    }
    if (scanner.receivedCount() >= session.context.limits().maxReceivedHeaders()) {
      log.info("{}: reject: mail loop from {} ({} Received fields)", id, session.peer(), scanner.receivedCount());
      session.error(Reply.of(554, "5.4.6", "Too many Received fields: mail loop detected"));
      return;
    }
    if (scanner.headerTooBig()) {
      session.error(Reply.of(552, "5.3.4", "Header section too large"));
      return;
    }
    TlsRequiredField.Verdict verdict = TlsRequiredField.evaluate(scanner.tlsRequiredFields());
    MessageTagging.Tag tag = MessageTagging.tag(transaction.requireTls, verdict);
    Envelope envelope =
        new Envelope(
            id,
            session.context.clock().instant(),
            session.clientInfo(),
            transaction.reversePath,
            transaction.recipients,
            transaction.body,
            transaction.smtpUtf8,
            transaction.declaredSize,
            transaction.envId,
            transaction.ret,
            tag.requirement(),
            tag.floor());
    long size;
    try {
      size = draft.commit(envelope).size();
    } catch (IOException e) {
      storageFailure(e);
      return;
    }
    logAccepted(envelope, tag, verdict, size);
    session.reply(Reply.of(250, "2.0.0", "Ok: queued as " + id.value()));
  }

  private void storageFailure(IOException e) throws IOException {
    log.warn(
        "{}: spool write failed for message from {}: {}; answered 451, nothing kept. Check free space and permissions of the spool directory",
        draft.queueId(), session.peer(), e.toString());
    session.error(Reply.of(451, "4.3.0", "Temporary storage failure, try again later"));
  }

  private void logAccepted(
      Envelope e, MessageTagging.Tag tag, TlsRequiredField.Verdict verdict, long size) {
    var client = e.client();
    log.info(
        "{}: client={}[{}] listener={} protocol={}{}{} from={} size={} nrcpt={} requiretls={}{}",
        e.queueId(),
        client.heloName(),
        client.address(),
        client.listener(),
        protocol,
        client.tls() == null ? "" : " tls=" + client.tls().protocol(),
        client.authenticatedUser() == null ? "" : " sasl_username=" + client.authenticatedUser(),
        Transaction.displayPath(e.reversePath()),
        size,
        e.recipients().size(),
        tag.requirement() == TlsRequirement.REQUIRE_TLS ? "yes" : "no",
        (tag.requirement() == TlsRequirement.TLS_OPTIONAL ? " tls_required=no" : "")
            + (tag.floor() == VerificationFloor.NONE ? "" : " floor=" + tag.floor().code()));
    for (Recipient r : e.recipients()) {
      log.info("{}: to=<{}> status=queued", e.queueId(), r.address());
    }
    switch (verdict) {
      case DUPLICATE -> log.info("{}: TLS-Required field ignored: it appears more than once (RFC 8689 §3)", e.queueId());
      case INVALID_VALUE -> log.info("{}: TLS-Required field ignored: its value is not \"No\" (RFC 8689 §3)", e.queueId());
      case DRAFT_NAME -> log.info("{}: draft-era RequireTLS/Require-TLS field ignored (RFC 8689 uses TLS-Required)", e.queueId());
      case ABSENT, TLS_OPTIONAL -> {}
    }
  }

  /** Keeps reading in step after a storage failure: remembers it and drops further bytes. */
  private static final class GuardedSink extends OutputStream {
    private final OutputStream out;
    IOException failure;

    GuardedSink(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (failure != null) {
        return;
      }
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        failure = e;
      }
    }
  }

}
