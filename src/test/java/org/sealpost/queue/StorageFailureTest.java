package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sealpost.mail.QueueId;
import org.sealpost.queue.FailingStorage.Step;

/** Any storage failure during intake is an IOException (the server's 451 4.3.0) and keeps nothing. */
@TestMethodOrder(MethodOrderer.Random.class)
class StorageFailureTest {

  private static final InstantSource CLOCK = InstantSource.fixed(Instant.EPOCH);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = Step.class, names = {"WRITE", "FORCE", "LINK", "SYNC_DIRECTORY"})
  void failureDuringCommitThrowsAndKeepsNothing(Step step) throws IOException { // SMTP-7
    FailingStorage storage = new FailingStorage();
    try (Spool spool = Spool.open(dir, CLOCK, storage)) {
      QueueId id = TestEnvelopes.id(1);
      try (Intake.Draft draft = spool.intake().begin(id)) {
        draft.content().write(new byte[1000]); // still in the buffer
        storage.failAt(step);
        assertThatThrownBy(() -> draft.commit(TestEnvelopes.full(id)))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("injected failure at " + step);
        storage.heal();
      }
      SpoolFixture.assertNothingKept(dir);
      assertThat(spool.list()).isEmpty();
      // The spool is still usable afterwards.
      SpoolFixture.commit(spool, TestEnvelopes.full(TestEnvelopes.id(2)), new byte[] {'x'});
      assertThat(spool.list()).hasSize(1);
    }
  }

  @org.junit.jupiter.api.Test
  void failureWhileStreamingContentPoisonsTheDraft() throws IOException {
    FailingStorage storage = new FailingStorage();
    try (Spool spool = Spool.open(dir, CLOCK, storage)) {
      QueueId id = TestEnvelopes.id(3);
      try (Intake.Draft draft = spool.intake().begin(id)) {
        storage.failAt(Step.WRITE);
        assertThatThrownBy(() -> draft.content().write(new byte[200_000]))
            .isInstanceOf(IOException.class);
        storage.heal();
        // The lost buffer must not be committed as if it had been written.
        assertThatThrownBy(() -> draft.content().write(1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> draft.commit(TestEnvelopes.full(id))).isInstanceOf(IOException.class);
      }
      SpoolFixture.assertNothingKept(dir);
    }
  }

  @org.junit.jupiter.api.Test
  void failureToCreateTheDraftThrowsAtBegin() throws IOException {
    FailingStorage storage = new FailingStorage();
    try (Spool spool = Spool.open(dir, CLOCK, storage)) {
      storage.failAt(Step.CREATE);
      assertThatThrownBy(() -> spool.intake().begin(TestEnvelopes.id(4)))
          .isInstanceOf(IOException.class);
      SpoolFixture.assertNothingKept(dir);
    }
  }

  @org.junit.jupiter.api.Test
  void aFailedRenameLeavesTheMessageWhereItWas() throws IOException {
    FailingStorage storage = new FailingStorage();
    try (Spool spool = Spool.open(dir, CLOCK, storage)) {
      QueueEntry e = SpoolFixture.commit(spool, TestEnvelopes.full(TestEnvelopes.id(5)), new byte[] {1});
      storage.failAt(Step.RENAME);
      assertThatThrownBy(() -> spool.move(e, QueueState.DEFERRED)).isInstanceOf(IOException.class);
      storage.heal();
      assertThat(spool.list()).singleElement().extracting(QueueEntry::state).isEqualTo(QueueState.ACTIVE);
    }
  }
}
