package org.sealpost.report.tlsrpt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.InstantSource;
import java.util.random.RandomGenerator;
import org.sealpost.config.TlsRptConfig;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.dns.Resolver;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;
import org.sealpost.queue.Intake;

/**
 * TLS reporting as the server runs it: the {@link ResultStore} that delivery tells about each
 * session ({@link #listener()}), and the {@link ReportScheduler} that sends the daily reports. Built
 * by {@code Main} when {@code [tlsrpt] enabled = true}.
 */
public final class TlsReporting implements AutoCloseable {

  private final ResultStore store;
  private final ReportScheduler scheduler;

  private TlsReporting(ResultStore store, ReportScheduler scheduler) {
    this.store = store;
    this.scheduler = scheduler;
  }

  /** Opens the store under {@code config.storeDir()} and starts the scheduler. */
  public static TlsReporting start(TlsRptConfig config, Intake intake, Resolver dns, InstantSource clock)
      throws IOException {
    ResultStore store = ResultStore.open(config.storeDir());
    try {
      ReportSender sender = new ReportSender(intake, HttpsPoster.create(config.caFile()),
          new Outbox(config.storeDir()).open(), from(config), config.submitter(), clock);
      ReportScheduler scheduler = new ReportScheduler(store, builder(config), sender, dns, config.maxDelay(),
          config.storeDir(), clock, RandomGenerator.getDefault());
      scheduler.start();
      return new TlsReporting(store, scheduler);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The report builder the configuration describes; also used by {@code sealpost tlsrpt show}. */
  public static ReportBuilder builder(TlsRptConfig config) {
    return new ReportBuilder(config.organizationName(), config.contactInfo(), config.submitter());
  }

  /** The From of report mail: {@code contact_info} when it is an address, else postmaster@submitter. */
  static MailAddress from(TlsRptConfig config) {
    String contact = config.contactInfo().startsWith("mailto:")
        ? config.contactInfo().substring("mailto:".length())
        : config.contactInfo();
    try {
      return MailAddress.parse(contact);
    } catch (IllegalArgumentException e) {
      return MailAddress.parse("postmaster@" + config.submitter());
    }
  }

  /** A report as {@code sealpost tlsrpt show} prints it: built now, or as archived when sent. */
  public record Shown(TlsReport report, boolean sent) {}

  /**
   * The reports of {@code day}: for each policy domain with results, the archived report if one was
   * sent (its content is what the receiver got), else the report that would be built now. Reads
   * only; safe while the server runs.
   */
  public static List<Shown> show(TlsRptConfig config, LocalDate day) throws IOException {
    Outbox outbox = new Outbox(config.storeDir());
    Map<Domain, Shown> shown = new TreeMap<>(Comparator.comparing(Domain::name));
    String begin = "!" + day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + "!";
    for (Path file : outbox.archivedMatching(begin)) {
      String name = file.getFileName().toString();
      try {
        TlsReport report = ReportFiles.fromArchive(name, Files.readAllBytes(file));
        shown.put(report.policyDomain(), new Shown(report, true));
      } catch (IllegalArgumentException e) {
        throw new IOException("unreadable archived report " + file + ": " + e.getMessage(), e);
      }
    }
    DayResults results = ResultStore.readOnly(config.storeDir()).day(day);
    ReportBuilder builder = builder(config);
    for (Domain domain : results.domains()) {
      shown.computeIfAbsent(domain, d -> new Shown(builder.build(results, d), false));
    }
    return List.copyOf(shown.values());
  }

  /** What delivery calls after each outbound TLS session. */
  public TlsSessionListener listener() {
    return store;
  }

  public ReportScheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    scheduler.close();
    store.close();
  }
}
