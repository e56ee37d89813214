package org.sealpost.report.tlsrpt;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.Resolver;
import org.sealpost.mail.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each UTC day's reports once, the next day after a random delay of at most {@code max_delay}
 * (RFC 8460 §4.1, RPT-5: spreading submitters over the morning spares the receivers a midnight
 * rush), and runs the retries of {@link ReportSender}. For each policy domain with results that day
 * it looks up {@code _smtp._tls.<domain>} (RPT-1); a domain without a valid record gets no report.
 *
 * <p>The last day reported is kept in {@code <store_dir>/reported-day}, written after the day's
 * reports are in the outbox, so a restart neither skips a day nor, unless it died in between, sends
 * one twice. Days before the last reported one, and days older than {@link #CATCH_UP} (a server
 * that was down for weeks), are not reported.
 *
 * <p>Time comes from the injected clock; the thread sleeps at most {@link #MAX_SLEEP} at a time,
 * so a clock that jumps is noticed, and {@link #wake()} makes it look again at once.
 */
public final class ReportScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);

  static final Duration MAX_SLEEP = Duration.ofMinutes(1);
  /** How far back a late start still reports. */
  static final int CATCH_UP = 7;

  /** Days of results and archived reports kept on disk, for {@code sealpost tlsrpt show}. */
  static final int KEEP_DAYS = 31;

  private final ResultStore store;
  private final ReportBuilder builder;
  private final ReportSender sender;
  private final Resolver dns;
  private final Duration maxDelay;
  private final Path reportedDayFile;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Map<LocalDate, Duration> delays = new HashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private @Nullable Thread thread;
  private volatile boolean stopping;

  ReportScheduler(ResultStore store, ReportBuilder builder, ReportSender sender, Resolver dns, Duration maxDelay,
      Path storeDir, InstantSource clock, RandomGenerator random) {
    this.store = store;
    this.builder = builder;
    this.sender = sender;
    this.dns = dns;
    this.maxDelay = maxDelay;
    this.reportedDayFile = storeDir.resolve("reported-day");
    this.clock = clock;
    this.random = random;
  }

  /** Starts the scheduling thread. */
  void start() {
    Thread t = Thread.ofPlatform().name("tlsrpt-scheduler").daemon(true).unstarted(this::loop);
    thread = t;
    t.start();
  }

  /** When {@code day}'s reports are due: the next midnight UTC plus that day's random delay. */
  Instant due(LocalDate day) {
    Duration delay = delays.computeIfAbsent(day, d -> maxDelay.isZero()
        ? Duration.ZERO
        : Duration.ofSeconds(random.nextLong(maxDelay.toSeconds() + 1)));
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(delay);
  }

  /**
   * Does what is due at the clock's current time: reports every finished day not yet reported
   * whose delay has passed, then the retries that are due. Called by the thread; tests call it too.
   */
  public synchronized void runDue() throws IOException {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Optional<LocalDate> last = lastReported();
    for (LocalDate day : store.days()) {
      if (!day.isBefore(today) || day.isBefore(today.minusDays(CATCH_UP))
          || (last.isPresent() && !day.isAfter(last.get()))) {
        continue;
      }
      if (now.isBefore(due(day))) {
        break; // later days are due later still
      }
      reportDay(day);
      saveLastReported(day);
      delays.remove(day);
    }
    sender.retryDue();
    LocalDate keepFrom = today.minusDays(KEEP_DAYS);
    int pruned = store.pruneBefore(keepFrom)
        + sender.pruneArchivedBefore(keepFrom.atStartOfDay(ZoneOffset.UTC).toInstant());
    if (pruned > 0) {
      log.info("tlsrpt: pruned files={} before={}", pruned, keepFrom);
    }
  }

  /**
   * Builds and sends the reports of {@code day} for every policy domain with a valid TLSRPT record;
   * returns how many reports were handed to the sender.
   */
  public synchronized int reportDay(LocalDate day) throws IOException {
    DayResults results = store.day(day);
    int sent = 0;
    for (Domain domain : results.domains()) {
      Domain name = Domain.of("_smtp._tls." + domain.name());
      DnsResult<String> txt = dns.txt(name);
      if (txt.isFailure()) {
        // Not knowing is not "no record": but the day is over, and a wrong guess would mail a
        // stranger. Skip and say so.
        log.warn("tlsrpt: no report domain={} day={}: lookup of {} failed: {}", domain, day, name, txt.status());
        continue;
      }
      switch (RuaRecord.parse(txt.records())) {
        case RuaRecord.Parsed.NotFound(String reason) ->
            log.info("tlsrpt: no report domain={} day={}: {}", domain, day, reason);
        case RuaRecord.Parsed.Found(RuaRecord record) -> {
          TlsReport report = builder.build(results, domain);
          log.info("tlsrpt: report domain={} day={} id={} rua={}", domain, day, report.reportId(),
              record.destinations().stream().map(Rua::uri).toList());
          sender.send(report, record);
          sent++;
        }
      }
    }
    return sent;
  }

  Optional<LocalDate> lastReported() throws IOException {
    try {
      return Optional.of(LocalDate.parse(Files.readString(reportedDayFile, StandardCharsets.US_ASCII).strip()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (DateTimeParseException e) {
      log.warn("tlsrpt: ignored unreadable {}: {}", reportedDayFile, e.getMessage());
      return Optional.empty();
    }
  }

  private void saveLastReported(LocalDate day) throws IOException {
    Path temp = reportedDayFile.resolveSibling("reported-day.tmp");
    Files.writeString(temp, day + "\n", StandardCharsets.US_ASCII);
    try (var c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(temp, reportedDayFile, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Makes the thread look at the clock again now. */
  public void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (!stopping) {
      try {
        runDue();
      } catch (IOException | RuntimeException e) {
        log.warn("tlsrpt: scheduling pass failed, retried in {}: {}", MAX_SLEEP, e.toString());
      }
      lock.lock();
      try {
        if (!stopping) {
          changed.await(sleep().toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** Until the next retry or {@link #MAX_SLEEP}, whichever is sooner. */
  private Duration sleep() {
    Instant now = clock.instant();
    Duration sleep = MAX_SLEEP;
    try {
      Optional<Instant> next = sender.nextDue();
      if (next.isPresent()) {
        Duration until = Duration.between(now, next.get());
        if (until.compareTo(sleep) < 0) {
          sleep = until.isNegative() ? Duration.ZERO : until;
        }
      }
    } catch (IOException e) {
      log.debug("tlsrpt: cannot read outbox: {}", e.toString());
    }
    return sleep.isZero() ? Duration.ofMillis(10) : sleep;
  }

  @Override
  public void close() {
    stopping = true;
    wake();
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
