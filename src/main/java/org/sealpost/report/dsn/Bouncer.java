package org.sealpost.report.dsn;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.queue.DeliveryReports;
import org.sealpost.queue.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the queue runner tells into DSN messages and queues them like any other message.
 * Per recipient, NOTIFY decides (RFC 3461 §4.1, DSN-1): absent means FAILURE and DELAY, NEVER means
 * nothing. One call makes at most one DSN, about all its reportable recipients. A DSN is never sent
 * to the null reverse path (DSN-5, SMTP-6); a failure of such a message goes to the postmaster as a
 * double bounce when {@link DoubleBounce.ToPostmaster} is configured, else it is only logged.
 *
 * <p>Success (DSN-4, RFC 3461 §5.2.2): a recipient stored here is reported "delivered"; one handed to
 * a hop that offered DSN took NOTIFY with it (DSN-3), so reporting is the hop's and nothing is sent
 * here; one handed to a hop without DSN is reported "relayed", since no one further on will.
 *
 * <p>Backscatter (SEC-10): DSNs to a sender that did not authenticate to us pass a {@link
 * DsnRateLimit}; over the cap they are not made, and the log says so with the queue id. A sender
 * that authenticated (local submission) always gets its reports: its address is proven, so a
 * report can be no backscatter, and losing it would hide a failed delivery from our own user. The
 * postmaster's double bounces are local too and never capped.
 *
 * <p>The DSN's envelope (RFC 3461 §6.1, DSN-7): {@code MAIL FROM:<>}, one recipient (the original
 * sender) with NOTIFY=NEVER, no RET; the REQUIRETLS tag of the original is kept (RT-35, RT-39).
 */
public final class Bouncer implements DeliveryReports {

  private static final Logger log = LoggerFactory.getLogger(Bouncer.class);

  /** The listener name of locally generated DSNs; {@link DsnRedactor} recognises our own by it. */
  public static final String LISTENER = "dsn";

  private final Intake intake;
  private final DsnComposer composer;
  private final InstantSource clock;
  private final DoubleBounce doubleBounce;
  private final DsnRateLimit rateLimit;

  /** @param rateLimit the cap on DSNs to unauthenticated senders (SEC-10) */
  public Bouncer(
      Intake intake, DsnComposer composer, InstantSource clock, DoubleBounce doubleBounce, DsnRateLimit rateLimit) {
    this.intake = intake;
    this.composer = composer;
    this.clock = clock;
    this.doubleBounce = doubleBounce;
    this.rateLimit = rateLimit;
  }

  @Override
  public void finished(OutboundMessage message, List<RecipientOutcome> outcomes, Instant at) throws IOException {
    boolean nullSender = message.envelope().hasNullReversePath();
    List<RecipientReport> reports = new ArrayList<>();
    for (RecipientOutcome o : outcomes) {
      switch (o.outcome()) {
        // A double bounce ignores NOTIFY: bounces carry NOTIFY=NEVER (DSN-7), yet the postmaster
        // is to hear of their failure (DSN-5).
        case DeliveryOutcome.Failed f when nullSender || wants(o.recipient(), Notify.FAILURE) ->
            reports.add(RecipientReport.of(o, at, null));
        case DeliveryOutcome.Delivered d when wants(o.recipient(), Notify.SUCCESS) && !successPassedOn(d) ->
            reports.add(RecipientReport.of(o, at, null));
        case DeliveryOutcome.Deferred d ->
            log.debug("{}: deferred outcome reported as finished ignored to=<{}>",
                message.envelope().queueId(), o.recipient().address());
        default -> { } // NOTIFY did not ask for this one
      }
    }
    report(message, reports);
  }

  @Override
  public void delayed(OutboundMessage message, List<RecipientOutcome> outcomes, Instant at, Instant willRetryUntil)
      throws IOException {
    List<RecipientReport> reports = new ArrayList<>();
    for (RecipientOutcome o : outcomes) {
      if (o.outcome() instanceof DeliveryOutcome.Deferred && wants(o.recipient(), Notify.DELAY)) {
        reports.add(RecipientReport.of(o, at, willRetryUntil));
      }
    }
    report(message, reports);
  }

  /**
   * DSN-3, DSN-4: the next hop offered DSN and NOTIFY=SUCCESS went on to it, so the success report
   * is its to send (RFC 3461 §5.2.1); a second one from us would tell the sender twice.
   */
  static boolean successPassedOn(DeliveryOutcome.Delivered delivered) {
    return delivered.hop() instanceof Hop hop && hop.dsnPassedOn();
  }

  /** RFC 3461 §4.1: no NOTIFY is read as FAILURE,DELAY (the MTA's choice, DSN-1); NEVER is nothing. */
  static boolean wants(Recipient recipient, Notify event) {
    Set<Notify> notify = recipient.notifyOn();
    if (notify.isEmpty()) {
      return event == Notify.FAILURE || event == Notify.DELAY;
    }
    return notify.contains(event);
  }

  private void report(OutboundMessage message, List<RecipientReport> reports) throws IOException {
    if (reports.isEmpty()) {
      return;
    }
    Envelope original = message.envelope();
    MailAddress sender = original.reversePath();
    if (sender != null) {
      if (!admitted(original, sender, reports)) {
        return;
      }
      send(new DsnReport(original, message.content(), sender, DsnAudience.SENDER, reports));
      return;
    }
    // DSN-5, SMTP-6: never a report to <>. Only failures may concern the postmaster.
    List<RecipientReport> failed = reports.stream().filter(r -> r.action() == DsnAction.FAILED).toList();
    for (RecipientReport r : reports) {
      log.info("{}: no dsn to null sender action={} to=<{}> status={}",
          original.queueId(), r.action().code(), r.recipient().address(), r.outcome().status());
    }
    if (failed.isEmpty() || !(doubleBounce instanceof DoubleBounce.ToPostmaster(MailAddress postmaster))) {
      return;
    }
    // A failed notice to the postmaster must not produce another one: that would be a loop.
    List<RecipientReport> notPostmaster = failed.stream()
        .filter(Predicate.not(r -> r.recipient().address().equals(postmaster)))
        .toList();
    if (notPostmaster.isEmpty()) {
      log.warn("{}: double bounce to the postmaster failed, dropped to=<{}>", original.queueId(), postmaster);
      return;
    }
    send(new DsnReport(original, message.content(), postmaster, DsnAudience.POSTMASTER, notPostmaster));
  }

  /**
   * SEC-10: an authenticated sender always gets its report; any other passes the rate limit, and a
   * suppressed report is logged, one line per recipient it would have covered.
   */
  private boolean admitted(Envelope original, MailAddress sender, List<RecipientReport> reports) {
    if (original.client().authenticatedUser() != null) {
      return true;
    }
    DsnRateLimit.Verdict verdict = rateLimit.admit(sender);
    if (verdict == DsnRateLimit.Verdict.ADMITTED) {
      return true;
    }
    String limit = verdict == DsnRateLimit.Verdict.SENDER_LIMIT ? "per-sender" : "global";
    for (RecipientReport r : reports) {
      log.warn("{}: dsn suppressed limit={} action={} from=<{}> to=<{}> status={}",
          original.queueId(), limit, r.action().code(), sender, r.recipient().address(), r.outcome().status());
    }
    return false;
  }

  private void send(DsnReport report) throws IOException {
    Instant now = clock.instant();
    QueueId id = QueueId.generate(now);
    Envelope original = report.original();
    ComposedDsn composed;
    try (Intake.Draft draft = intake.begin(id)) {
      composed = composer.compose(report, draft.content());
      draft.commit(envelope(id, now, report.to(), original.tlsRequirement(), composed));
    }
    Set<String> actions = report.recipients().stream()
        .map(r -> r.action().code())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    log.info("{}: dsn={} action={} to=<{}> nrcpt={} requiretls={} returned={}{}",
        original.queueId(), id, String.join(",", actions), report.to(), report.recipients().size(),
        original.tlsRequirement() == TlsRequirement.REQUIRE_TLS ? "yes" : "no",
        composed.returned().name().toLowerCase(Locale.ROOT), report.audience() == DsnAudience.POSTMASTER ? " double-bounce=yes" : "");
  }

  /**
   * DSN-7: null reverse path, the one recipient with NOTIFY=NEVER, RET not given, no ENVID. RT-35:
   * a report about a REQUIRETLS message is REQUIRETLS itself; the verification floor of the
   * original bound its first hop only and is not carried over.
   */
  private Envelope envelope(QueueId id, Instant now, MailAddress to, TlsRequirement requirement, ComposedDsn composed) {
    return new Envelope(
        id,
        now,
        localClient(),
        null,
        List.of(new Recipient(to, Set.of(Notify.NEVER), null)),
        composed.body(),
        composed.smtpUtf8(),
        0,
        null,
        Ret.NOT_GIVEN,
        requirement == TlsRequirement.REQUIRE_TLS ? TlsRequirement.REQUIRE_TLS : TlsRequirement.UNSPECIFIED,
        VerificationFloor.NONE);
  }

  private ClientInfo localClient() {
    return new ClientInfo("127.0.0.1", 0, composer.hostname(), LISTENER, null, null);
  }
}
