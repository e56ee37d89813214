package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.queue.ScriptedDeliverer.deferred;
import static org.sealpost.queue.ScriptedDeliverer.failed;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.slf4j.LoggerFactory;

@TestMethodOrder(MethodOrderer.Random.class)
class QueueRunnerTest {

  @TempDir Path dir;
  RunnerHarness h;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    logs.start();
    ((Logger) LoggerFactory.getLogger(DeliveryPass.class)).addAppender(logs);
    h = new RunnerHarness(dir);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
    ((Logger) LoggerFactory.getLogger(DeliveryPass.class)).detachAppender(logs);
  }

  private List<String> lines() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void committedMessageIsDeliveredAtOnceAndRemoved() throws Exception {
    QueueId id = h.submit("alice@example.org", "bob@example.net");
    h.awaitIdle(); // no clock movement: the commit listener scheduled it

    assertThat(h.deliverer.calls).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.destination()).isEqualTo("remote:example.net");
    });
    assertThat(h.reports.finished).singleElement()
        .satisfies(r -> assertThat(r.outcomes().getFirst().outcome())
            .isInstanceOf(DeliveryOutcome.Delivered.class));
    assertThat(h.names("active")).isEmpty();
    assertThat(h.names("deferred")).isEmpty();
    assertThat(h.names("status")).isEmpty();
  }

  @Test
  void recipientsAtOneDomainShareOneAttempt() throws Exception {
    h.submit("alice@example.org", "bob@example.net", "carol@example.com", "dave@example.net");
    h.awaitIdle();

    assertThat(h.deliverer.callsTo("remote:example.net")).singleElement()
        .satisfies(c -> assertThat(c.recipients()).containsExactly(
            MailAddress.parse("bob@example.net"), MailAddress.parse("dave@example.net")));
    assertThat(h.deliverer.callsTo("remote:example.com")).hasSize(1);
    assertThat(h.deliverer.calls).hasSize(2);
  }

  @Test
  void partialSuccessRetriesOnlyTheDeferredRecipient() throws Exception {
    h.deliverer.answer("remote:slow.test", r -> deferred());
    QueueId id = h.submit("alice@example.org", "bob@example.net", "carol@slow.test");
    h.awaitIdle();

    assertThat(h.names("deferred")).containsExactly(id.value());
    DeliveryStatus status = h.status(id);
    assertThat(status.recipients()).extracting(RecipientStatus::state)
        .containsExactly(RecipientState.DELIVERED, RecipientState.PENDING);
    assertThat(status.nextAttempt()).isEqualTo(RunnerHarness.START.plus(Duration.ofMinutes(5)));
    assertThat(h.reports.finished).singleElement()
        .satisfies(r -> assertThat(r.outcomes()).hasSize(1));

    h.deliverer.answer("remote:slow.test", r -> ScriptedDeliverer.sent());
    h.advance(Duration.ofMinutes(5));

    assertThat(h.deliverer.callsTo("remote:example.net")).hasSize(1);
    assertThat(h.deliverer.callsTo("remote:slow.test")).hasSize(2);
    assertThat(h.reports.finished).hasSize(2);
    assertThat(h.names("deferred")).isEmpty();
    assertThat(h.names("status")).isEmpty();
  }

  @Test
  void permanentFailureIsFinalAndReportedOnce() throws Exception {
    h.deliverer.answer("remote:example.net", r -> failed());
    QueueId id = h.submit("alice@example.org", "nobody@example.net");
    h.awaitIdle();

    assertThat(h.reports.finished).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(id);
      assertThat(r.outcomes().getFirst().outcome()).isInstanceOf(DeliveryOutcome.Failed.class);
    });
    assertThat(h.names("active")).isEmpty();
    assertThat(lines()).contains(id + ": to=<nobody@example.net> relay=mx.example.net[192.0.2.25]:25"
        + " tls=dane requiretls=yes status=bounced (550 5.1.1 no such user)");
  }

  @Test
  void eachAttemptLogsOneLinePerRecipient() throws Exception {
    h.deliverer.answer("remote:slow.test", r -> deferred());
    QueueId id = h.submit("alice@example.org", "bob@example.net", "carol@slow.test");
    h.awaitIdle();

    assertThat(lines()).contains(
        id + ": to=<bob@example.net> relay=mx.example.net[192.0.2.25]:25 tls=dane requiretls=yes"
            + " status=sent (250 2.0.0 Ok)",
        id + ": to=<carol@slow.test> relay=none tls=none requiretls=no status=deferred"
            + " (connection refused by all MX hosts)");
  }

  @Test
  void delivererExceptionIsADeferral() throws Exception {
    h.deliverer.answer("remote:example.net", r -> {
      throw new IllegalStateException("deliverer bug");
    });
    QueueId id = h.submit("alice@example.org", "bob@example.net");
    h.awaitIdle();

    RecipientStatus bob = h.status(id).recipients().getFirst();
    assertThat(bob.state()).isEqualTo(RecipientState.PENDING);
    assertThat(bob.attempts()).isEqualTo(1);
    assertThat(bob.lastOutcome()).isInstanceOf(DeliveryOutcome.Deferred.class);
    assertThat(bob.lastOutcome().reason()).contains("IllegalStateException", "deliverer bug");
    assertThat(logs.list).anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR
        && e.getFormattedMessage().contains("deliverer failed"));
    assertThat(h.names("deferred")).containsExactly(id.value());
    assertThat(h.reports.finished).isEmpty();
  }

  @Test
  void routerExceptionIsADeferralForThatRecipientOnly() throws Exception {
    QueueId id = h.submit("alice@example.org", "x@bug.test", "bob@example.net");
    h.awaitIdle();

    assertThat(h.status(id).recipients()).extracting(RecipientStatus::state)
        .containsExactly(RecipientState.PENDING, RecipientState.DELIVERED);
  }

  @Test
  void failedReportIsKeptAndRetriedOnTheNextPass() throws Exception {
    h.reports.failNext(1);
    QueueId id = h.submit("alice@example.org", "bob@example.net");
    h.awaitIdle();

    // Delivered, recorded durably, but the report was refused: the message must not go away.
    assertThat(h.reports.finished).isEmpty();
    assertThat(h.names("deferred")).containsExactly(id.value());
    RecipientStatus bob = h.status(id).recipients().getFirst();
    assertThat(bob.state()).isEqualTo(RecipientState.DELIVERED);
    assertThat(bob.reported()).isFalse();
    assertThat(logs.list).anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN);

    h.runNextAttempt();

    assertThat(h.deliverer.calls).hasSize(1); // not delivered twice, only reported
    assertThat(h.reports.finished).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(id));
    assertThat(h.names("deferred")).isEmpty();
    assertThat(h.names("status")).isEmpty();
  }

  @Test
  void heldMessageIsNeverAttempted() throws Exception {
    h.runner.close();
    QueueEntry held = h.spool.move(
        SpoolFixture.commit(h.spool, RunnerHarness.envelope(TestEnvelopes.id(9),
            RunnerHarness.START, "alice@example.org", "bob@example.net"), new byte[] {'x'}),
        QueueState.HOLD);
    h.restart();
    h.advance(Duration.ofDays(10));

    assertThat(h.deliverer.calls).isEmpty();
    assertThat(h.names("hold")).containsExactly(held.queueId().value());
    assertThat(h.runner.nextDue()).isNull();
  }

  @Test
  void flushMakesDeferredMessagesDueNow() throws Exception {
    h.deliverer.answer("remote:example.net", r -> deferred());
    h.submit("alice@example.org", "bob@example.net");
    h.awaitIdle();
    h.deliverer.answer("remote:example.net", r -> ScriptedDeliverer.sent());

    h.runner.flush();
    h.awaitIdle();

    assertThat(h.deliverer.calls).hasSize(2);
    assertThat(h.names("deferred")).isEmpty();
  }

  @Test
  void deliveredRecipientIsRecordedBeforeItIsReported() throws Exception {
    List<Boolean> recordedFirst = new java.util.concurrent.CopyOnWriteArrayList<>();
    DeliveryReports checking = new DeliveryReports() {
      @Override
      public void finished(org.sealpost.delivery.OutboundMessage m,
          List<org.sealpost.delivery.RecipientOutcome> o, java.time.Instant at) throws java.io.IOException {
        DeliveryStatus s = h.spool.statuses().load(m.envelope().queueId()).orElseThrow();
        recordedFirst.add(s.recipients().getFirst().state() == RecipientState.DELIVERED);
      }

      @Override
      public void delayed(org.sealpost.delivery.OutboundMessage m,
          List<org.sealpost.delivery.RecipientOutcome> o, java.time.Instant at, java.time.Instant until) {}
    };
    h.runner.close();
    h.runner = QueueRunner.start(h.spool, h.config,
        new DeliveryServices(new FakeRouter(), h.deliverer, checking), h.clock);
    h.submitNotifyingSuccess("alice@example.org", "bob@example.net"); // a success DSN is asked for
    h.awaitIdle();

    assertThat(recordedFirst).containsExactly(true);
    assertThat(Files.exists(dir.resolve("status"))).isTrue();
  }

  @Test
  void aQuietlyDeliveredMessageIsRemovedWithoutAStatusRecord() throws Exception {
    List<Integer> recordsWhenReported = new java.util.concurrent.CopyOnWriteArrayList<>();
    DeliveryReports checking = new DeliveryReports() {
      @Override
      public void finished(org.sealpost.delivery.OutboundMessage m,
          List<org.sealpost.delivery.RecipientOutcome> o, java.time.Instant at) throws java.io.IOException {
        recordsWhenReported.add(h.spool.statuses().load(m.envelope().queueId()).isPresent() ? 1 : 0);
      }

      @Override
      public void delayed(org.sealpost.delivery.OutboundMessage m,
          List<org.sealpost.delivery.RecipientOutcome> o, java.time.Instant at, java.time.Instant until) {}
    };
    h.runner.close();
    h.runner = QueueRunner.start(h.spool, h.config,
        new DeliveryServices(new FakeRouter(), h.deliverer, checking), h.clock);
    QueueId id = h.submit("alice@example.org", "bob@example.net", "carol@example.net");
    h.awaitIdle();

    // Delivered to everyone, no NOTIFY=SUCCESS: nothing to tell, so no record before removal (a
    // crash in between delivers again; nothing is lost).
    assertThat(recordsWhenReported).containsExactly(0);
    assertThat(h.spool.find(id)).isEmpty();
    assertThat(h.names("status")).isEmpty();
  }
}
