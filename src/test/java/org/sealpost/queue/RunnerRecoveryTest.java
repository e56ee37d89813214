package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sealpost.queue.ScriptedDeliverer.deferred;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.Defaults;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;

/** Start-up after a crash or a clean stop: at-least-once, and what was recorded stays recorded. */
@TestMethodOrder(MethodOrderer.Random.class)
class RunnerRecoveryTest {

  private static final byte[] BODY = "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  RunnerHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  /** Messages committed by a process that died before delivering them, as the next start finds them. */
  private List<QueueId> leftActive(int n) throws Exception {
    List<QueueId> ids = new java.util.ArrayList<>();
    try (Spool spool = Spool.open(dir, new ManualClock(RunnerHarness.START))) {
      for (int i = 0; i < n; i++) {
        QueueId id = TestEnvelopes.id(100 + i);
        SpoolFixture.commit(spool, RunnerHarness.envelope(id, RunnerHarness.START,
            "alice@example.org", "bob@example.net", "carol@example.com"), BODY);
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void messagesLeftActiveAreAttemptedAtStart() throws Exception {
    List<QueueId> ids = leftActive(3);
    h = new RunnerHarness(dir);
    h.awaitIdle();

    assertThat(h.deliverer.calls).extracting(ScriptedDeliverer.Call::id)
        .containsExactlyInAnyOrderElementsOf(
            ids.stream().flatMap(id -> java.util.stream.Stream.of(id, id)).toList());
    assertThat(h.names("active")).isEmpty();
  }

  @Test
  void crashAfterRecordingAnOutcomeRetriesOnlyWhatWasNotDelivered() throws Exception {
    QueueId id = leftActive(1).getFirst();
    // The process recorded bob as delivered, then died before moving the message on.
    try (Spool spool = Spool.open(dir, new ManualClock(RunnerHarness.START))) {
      Envelope env = spool.find(id).orElseThrow().envelope();
      DeliveryStatus status = DeliveryStatus.fresh(env);
      status = status.with(0, status.recipients().get(0)
          .attempted(ScriptedDeliverer.sent(), RunnerHarness.START).withReported());
      spool.statuses().save(status);
    }
    h = new RunnerHarness(dir);
    h.awaitIdle();

    assertThat(h.deliverer.calls).singleElement().satisfies(c ->
        assertThat(c.recipients()).containsExactly(MailAddress.parse("carol@example.com")));
    assertThat(h.spool.find(id)).isEmpty();
  }

  @Test
  void deferredMessageKeepsItsScheduleAcrossARestart() throws Exception {
    h = new RunnerHarness(dir);
    h.deliverer.answer("remote:dead.test", r -> deferred());
    QueueId id = h.submit("alice@example.org", "bob@example.net", "carol@dead.test");
    h.awaitIdle();
    h.restart();
    h.deliverer.answer("remote:dead.test", r -> deferred());
    h.awaitIdle();

    assertThat(h.deliverer.calls).hasSize(2); // nothing new yet: due at +5m
    assertThat(h.runner.nextDue()).isEqualTo(RunnerHarness.START.plus(Duration.ofMinutes(5)));

    h.deliverer.answer("remote:dead.test", r -> ScriptedDeliverer.sent());
    h.advance(Duration.ofMinutes(5));
    assertThat(h.deliverer.calls).hasSize(3);
    assertThat(h.deliverer.calls.getLast().recipients())
        .containsExactly(MailAddress.parse("carol@dead.test"));
    assertThat(h.spool.find(id)).isEmpty();
  }

  @Test
  void openRemovesOrphanStatusRecordsAndInterruptedSaves() throws Exception {
    QueueId gone = TestEnvelopes.id(200);
    QueueId kept = leftActive(1).getFirst();
    try (Spool spool = Spool.open(dir, new ManualClock(RunnerHarness.START))) {
      spool.statuses().save(new DeliveryStatus(gone, List.of(), null));
      Envelope env = spool.find(kept).orElseThrow().envelope();
      spool.statuses().save(DeliveryStatus.fresh(env));
    }
    Files.write(dir.resolve("status").resolve(kept.value() + ".tmp"), new byte[] {1, 2});

    try (Spool spool = Spool.open(dir, new ManualClock(RunnerHarness.START))) {
      assertThat(SpoolFixture.names(dir.resolve("status"))).containsExactly(kept.value());
      assertThat(spool.statuses().load(kept)).isPresent();
    }
  }

  @Test
  void unreadableStatusRecordMeansEveryRecipientIsPendingAgain() throws Exception {
    QueueId id = leftActive(1).getFirst();
    Files.writeString(dir.resolve("status").resolve(id.value()), "garbage");
    h = new RunnerHarness(dir);
    h.awaitIdle();

    assertThat(h.deliverer.calls).hasSize(2); // duplicates possible, losses never
    assertThat(h.spool.find(id)).isEmpty();
  }

  @Test
  void committedWhileStoppedIsDeliveredAtTheNextStart() throws Exception {
    h = new RunnerHarness(dir, Defaults.queue());
    h.runner.close();
    QueueId id = h.submit("alice@example.org", "bob@example.net");
    assertThat(h.deliverer.calls).isEmpty();

    h.restart();
    h.awaitIdle();
    assertThat(h.deliverer.calls).extracting(ScriptedDeliverer.Call::id).containsExactly(id);
  }

  @Test
  void outcomeThatCannotBeSavedIsNeitherReportedNorLost() throws Exception {
    FailingStorage storage = new FailingStorage();
    h = new RunnerHarness(dir, Defaults.queue(), storage);
    java.util.concurrent.CountDownLatch gate = h.deliverer.gate("remote:example.net");
    QueueId id = h.submitNotifyingSuccess("alice@example.org", "bob@example.net");
    storage.failAt(FailingStorage.Step.FORCE); // the status record's fsync fails: a dying disk
    gate.countDown();
    h.awaitIdle();

    assertThat(h.deliverer.calls).hasSize(1);
    assertThat(h.reports.finished).isEmpty(); // never told before it is durable
    assertThat(h.spool.find(id)).isPresent();
    assertThat(h.names("status")).isEmpty();

    storage.heal();
    h.advance(Duration.ofMinutes(5));
    assertThat(h.deliverer.calls).hasSize(2); // delivered again: a duplicate, never a loss
    assertThat(h.reports.finished).hasSize(1);
    assertThat(h.spool.find(id)).isEmpty();
  }
}
