package org.sealpost.report.tlsrpt;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.Notify;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.queue.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a built report to each rua of the policy domain's TLSRPT record (RFC 8460 §5), keeping each
 * hand-over in the {@link Outbox} until it succeeded, so a restart continues where it stopped.
 *
 * <ul>
 *   <li>{@code mailto:} (§5.3, RPT-7): the message of {@link ReportMail} enters the queue through
 *       {@link Intake} like a DSN does, with the listener {@value TlsSessionListener#REPORT_LISTENER}
 *       so that delivery does not report on it ({@link TlsSessionListener#reportable}), and marked
 *       {@link TlsRequirement#TLS_OPTIONAL} so that DANE or MTA-STS failures of the report
 *       destination cannot stop it (RPT-7 [I]). Done once committed: the queue retries from there.
 *   <li>{@code https:} (§5.4, RPT-8): POSTed; 200 or 201 is done, anything else is retried with a
 *       doubling wait for up to 24 hours (RPT-9, {@link PendingDelivery}).
 * </ul>
 *
 * <p>The envelope sender is the null path {@code <>}. RFC 8460 §5.3 does not ask for it, but a
 * report is an automatic notification like a DSN: a failure to deliver it must not produce a
 * bounce that could itself fail and loop, and a report destination that rejects the report has
 * nobody to tell but our postmaster, who gets the double bounce when configured (DSN-5).
 */
public final class ReportSender {

  private static final Logger log = LoggerFactory.getLogger(ReportSender.class);

  private final Intake intake;
  private final ReportPoster poster;
  private final Outbox outbox;
  private final MailAddress from;
  private final String hostname;
  private final InstantSource clock;

  /** Deletes archived reports of days that began before {@code cutoff}; returns how many. */
  int pruneArchivedBefore(Instant cutoff) throws IOException {
    return outbox.pruneArchivedBefore(cutoff);
  }

  ReportSender(Intake intake, ReportPoster poster, Outbox outbox, MailAddress from, String hostname, InstantSource clock) {
    this.intake = intake;
    this.poster = poster;
    this.outbox = outbox;
    this.from = from;
    this.hostname = hostname;
    this.clock = clock;
  }

  /** Archives {@code report}, records one pending delivery per rua, and tries each at once. */
  void send(TlsReport report, RuaRecord record) throws IOException {
    outbox.archive(report);
    Instant now = clock.instant();
    List<Rua> destinations = record.destinations();
    for (int i = 0; i < destinations.size(); i++) {
      String name = report.filename().replace(".json.gz", "") + "!" + i;
      PendingDelivery d = new PendingDelivery(name, report.filename(), destinations.get(i).uri(), now, 0, now);
      outbox.save(d);
    }
    retryDue();
  }

  /** Attempts every pending delivery that is due; returns when they have all been tried once. */
  synchronized void retryDue() throws IOException {
    Instant now = clock.instant();
    for (PendingDelivery d : outbox.all()) {
      if (!d.nextAttempt().isAfter(now)) {
        attempt(d, now);
      }
    }
  }

  /** When the earliest pending delivery is due, if any. */
  Optional<Instant> nextDue() throws IOException {
    return outbox.all().stream().map(PendingDelivery::nextAttempt).min(Instant::compareTo);
  }

  private void attempt(PendingDelivery d, Instant now) throws IOException {
    Optional<byte[]> gz = outbox.archived(d.reportFile());
    @Nullable Rua rua = RuaRecord.rua(d.rua());
    if (gz.isEmpty() || rua == null) {
      log.warn("tlsrpt: dropped pending report={} rua={}: {}", d.reportFile(), d.rua(),
          gz.isEmpty() ? "archived report missing" : "rua no longer parses");
      outbox.remove(d);
      return;
    }
    String failure = switch (rua) {
      case Rua.Mailto m -> enqueue(d, m.address(), gz.get(), now);
      case Rua.Https h -> post(d, h.target(), gz.get());
    };
    if (failure == null) {
      outbox.remove(d);
      return;
    }
    PendingDelivery next = d.failedAt(now);
    if (next.pastDeadline()) {
      log.warn("tlsrpt: report={} rua={} given up after attempts={}: {}", d.reportFile(), d.rua(),
          next.attempts(), failure);
      outbox.remove(d);
    } else {
      log.info("tlsrpt: report={} rua={} deferred attempts={} next={}: {}", d.reportFile(), d.rua(),
          next.attempts(), next.nextAttempt(), failure);
      outbox.save(next);
    }
  }

  /** Null when queued; else why not. */
  private @Nullable String enqueue(PendingDelivery d, MailAddress to, byte[] gz, Instant now) {
    TlsReport report;
    try {
      report = ReportFiles.fromArchive(d.reportFile(), gz);
    } catch (IllegalArgumentException e) {
      return "archived report unreadable: " + e.getMessage();
    }
    QueueId id = QueueId.generate(now);
    try (Intake.Draft draft = intake.begin(id)) {
      ReportMail.write(report, from, to, id, now, draft.content());
      draft.commit(envelope(id, now, to));
    } catch (IOException e) {
      return "cannot queue: " + e.getMessage();
    }
    log.info("{}: tlsrpt report={} domain={} to=<{}> queued", id, d.reportFile(), report.policyDomain(), to);
    return null;
  }

  private @Nullable String post(PendingDelivery d, URI target, byte[] gz) {
    PostResult result = poster.post(target, gz);
    return switch (result) {
      case PostResult.Accepted(int status) -> {
        log.info("tlsrpt: report={} posted to={} status={}", d.reportFile(), target, status);
        yield null;
      }
      case PostResult.Refused(int status) -> "HTTP status " + status;
      case PostResult.Unreachable(String reason) -> reason;
    };
  }

  /**
   * {@code <>} to the rua address with NOTIFY=NEVER; {@code TLS-Required: No} (RPT-7 [I]); the
   * listener name marks it as a report so that its own delivery is never reported.
   */
  private Envelope envelope(QueueId id, Instant now, MailAddress to) {
    return new Envelope(
        id,
        now,
        new ClientInfo("127.0.0.1", 0, hostname, TlsSessionListener.REPORT_LISTENER, null, null),
        null,
        List.of(new Recipient(to, Set.of(Notify.NEVER), null)),
        BodyType.SEVEN_BIT,
        to.needsSmtpUtf8(),
        0,
        null,
        Ret.NOT_GIVEN,
        TlsRequirement.TLS_OPTIONAL,
        VerificationFloor.NONE);
  }
}
