package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.Defaults;
import org.sealpost.config.QueueConfig;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

/**
 * A spool in a temporary folder, a manual clock, fake router, deliverer and reports, and a running
 * {@link QueueRunner}; helpers to submit messages and to move time forward.
 */
final class RunnerHarness implements AutoCloseable {

  static final Instant START = Instant.parse("2025-03-14T10:00:00Z");
  static final Duration PATIENCE = Duration.ofSeconds(10);

  final Path dir;
  final QueueConfig config;
  final ManualClock clock = new ManualClock(START);
  final ScriptedDeliverer deliverer = new ScriptedDeliverer(clock);
  final RecordingReports reports = new RecordingReports();
  Spool spool;
  QueueRunner runner;

  RunnerHarness(Path dir, QueueConfig config) throws IOException {
    this(dir, config, new DiskStorage());
  }

  /** On storage that tests can make fail ({@link FailingStorage}). */
  RunnerHarness(Path dir, QueueConfig config, Storage storage) throws IOException {
    this.dir = dir;
    this.config = config;
    this.spool = Spool.open(dir, clock, storage);
    this.runner = QueueRunner.start(spool, config, services(), clock);
  }

  RunnerHarness(Path dir) throws IOException {
    this(dir, Defaults.queue());
  }

  DeliveryServices services() {
    return new DeliveryServices(new FakeRouter(), deliverer, reports);
  }

  static QueueConfig limits(int concurrency, int perDestination) {
    QueueConfig d = Defaults.queue();
    return new QueueConfig(d.retryIntervals(), d.maxLifetime(), d.bounceLifetime(),
        d.delayNoticeAfter(), concurrency, perDestination);
  }

  static Envelope envelope(QueueId id, Instant arrival, @Nullable String from, String... to) {
    List<Recipient> recipients =
        Arrays.stream(to).map(a -> Recipient.of(MailAddress.parse(a))).toList();
    return new Envelope(id, arrival, new ClientInfo("192.0.2.7", 40000, "client.test", "smtp", null, null),
        from == null ? null : MailAddress.parse(from), recipients, BodyType.SEVEN_BIT, false, 0,
        null, Ret.NOT_GIVEN, TlsRequirement.UNSPECIFIED, VerificationFloor.NONE);
  }

  /** Commits a message now, as the SMTP server would; the runner hears of it at once. */
  QueueId submit(@Nullable String from, String... to) throws IOException {
    QueueId id = QueueId.generate(clock.instant());
    SpoolFixture.commit(spool, envelope(id, clock.instant(), from, to),
        "Subject: test\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII));
    return id;
  }

  /** Like {@link #submit}, with NOTIFY=SUCCESS on every recipient (RFC 3461 §4.1). */
  QueueId submitNotifyingSuccess(@Nullable String from, String... to) throws IOException {
    QueueId id = QueueId.generate(clock.instant());
    Envelope plain = envelope(id, clock.instant(), from, to);
    List<Recipient> notifying = plain.recipients().stream()
        .map(r -> new Recipient(r.address(), java.util.Set.of(org.sealpost.mail.Notify.SUCCESS), null)).toList();
    SpoolFixture.commit(spool, new Envelope(id, plain.arrival(), plain.client(), plain.reversePath(), notifying,
            plain.body(), plain.smtpUtf8(), plain.declaredSize(), plain.envId(), plain.ret(), plain.tlsRequirement(),
            plain.verificationFloor()),
        "Subject: test\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII));
    return id;
  }

  /** Polls {@code condition} until it holds; fails after {@link #PATIENCE}. */
  static void eventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + PATIENCE);
      }
      Thread.sleep(2);
    }
  }

  void awaitIdle() throws InterruptedException {
    assertThat(runner.awaitIdle(PATIENCE)).as("runner idle").isTrue();
  }

  void advance(Duration d) throws InterruptedException {
    clock.advance(d);
    runner.wake();
    awaitIdle();
  }

  /** Moves the clock to the next due attempt and waits for it; false when nothing is waiting. */
  boolean runNextAttempt() throws InterruptedException {
    Instant next = runner.nextDue();
    if (next == null) {
      return false;
    }
    if (next.isAfter(clock.instant())) {
      clock.set(next);
    }
    runner.wake();
    awaitIdle();
    return true;
  }

  /** Stops runner and spool as a clean shutdown would, and starts both again on the same folder. */
  void restart() throws IOException {
    runner.close();
    spool.close();
    spool = Spool.open(dir, clock);
    runner = QueueRunner.start(spool, config, services(), clock);
  }

  List<String> names(String sub) throws IOException {
    return SpoolFixture.names(dir.resolve(sub));
  }

  DeliveryStatus status(QueueId id) throws IOException {
    return spool.statuses().load(id).orElseThrow();
  }

  @Override
  public void close() throws IOException {
    runner.close();
    spool.close();
  }
}
