package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sealpost.queue.SpoolFixture.commit;
import static org.sealpost.queue.SpoolFixture.names;
import static org.sealpost.queue.SpoolFixture.readContent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.QueueId;
import org.slf4j.LoggerFactory;

@TestMethodOrder(MethodOrderer.Random.class)
class SpoolTest {

  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2025-03-14T10:00:00Z"));
  private static final byte[] BODY =
      "Subject: hi\r\nTLS-Required: No\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  @Test
  void committedMessageIsListedWithEnvelopeAndContent() throws IOException { // SMTP-7, RT-19
    try (Spool spool = Spool.open(dir, CLOCK)) {
      Envelope env = TestEnvelopes.full(TestEnvelopes.id(1));
      QueueEntry committed = commit(spool, env, BODY);

      assertThat(committed.state()).isEqualTo(QueueState.ACTIVE);
      assertThat(spool.list()).singleElement().satisfies(e -> {
        assertThat(e.envelope()).isEqualTo(env);
        assertThat(e.size()).isEqualTo(BODY.length);
        assertThat(readContent(e)).isEqualTo(BODY);
      });
      assertThat(names(dir.resolve("active"))).containsExactly(env.queueId().value());
      assertThat(names(dir.resolve("incoming"))).isEmpty();
    }
  }

  @Test
  void closingWithoutCommitAbortsAndKeepsNothing() throws IOException {
    try (Spool spool = Spool.open(dir, CLOCK)) {
      try (Intake.Draft draft = spool.intake().begin(TestEnvelopes.id(2))) {
        draft.content().write(new byte[200_000]);
        assertThat(names(dir.resolve("incoming"))).hasSize(1);
      }
      SpoolFixture.assertNothingKept(dir);
      assertThat(spool.list()).isEmpty();
    }
  }

  @Test
  void draftBeingWrittenIsNeverListed() throws IOException {
    try (Spool spool = Spool.open(dir, CLOCK);
        Intake.Draft draft = spool.intake().begin(TestEnvelopes.id(3))) {
      draft.content().write(new byte[300_000]); // past the buffer: bytes are on disk
      assertThat(Files.size(dir.resolve("incoming").resolve(names(dir.resolve("incoming")).get(0))))
          .isPositive();
      assertThat(spool.list()).isEmpty();
      assertThat(Spool.inspect(dir)).isEmpty();
    }
  }

  @Test
  void openRemovesDraftsLeftByACrash() throws IOException {
    Path leftover;
    try (Spool spool = Spool.open(dir, CLOCK)) {
      Intake.Draft draft = spool.intake().begin(TestEnvelopes.id(4));
      draft.content().write(BODY); // never committed, never closed: the process "died"
      leftover = dir.resolve("incoming").resolve(names(dir.resolve("incoming")).get(0));
    }
    Files.write(leftover, BODY, StandardOpenOption.APPEND);
    try (LogCapture log = LogCapture.of(Spool.class);
        Spool spool = Spool.open(dir, CLOCK)) {
      assertThat(names(dir.resolve("incoming"))).isEmpty();
      assertThat(spool.list()).isEmpty();
      assertThat(log.lines(Level.INFO))
          .anyMatch(l -> l.startsWith(TestEnvelopes.id(4) + ": removed unacknowledged draft"));
    }
  }

  @Test
  void corruptFilesAreMovedAsideOnOpenWithAWarning() throws IOException {
    QueueId good = TestEnvelopes.id(10);
    QueueId truncated = TestEnvelopes.id(11);
    QueueId garbage = TestEnvelopes.id(12);
    try (Spool spool = Spool.open(dir, CLOCK)) {
      commit(spool, TestEnvelopes.full(good), BODY);
      QueueEntry t = commit(spool, TestEnvelopes.minimal(truncated), BODY);
      spool.move(t, QueueState.DEFERRED);
    }
    Path deferred = dir.resolve("deferred").resolve(truncated.value());
    byte[] whole = Files.readAllBytes(deferred);
    Files.write(deferred, java.util.Arrays.copyOf(whole, whole.length - 5));
    Files.writeString(dir.resolve("active").resolve(garbage.value()), "not a queue file");
    Files.writeString(dir.resolve("hold").resolve("notes.txt"), "stray file");

    try (LogCapture log = LogCapture.of(Spool.class);
        Spool spool = Spool.open(dir, CLOCK)) {
      assertThat(spool.list()).extracting(QueueEntry::queueId).containsExactly(good);
      assertThat(names(dir.resolve("corrupt")))
          .containsExactlyInAnyOrder(
              truncated.value() + ".deferred." + CLOCK.millis(),
              garbage.value() + ".active." + CLOCK.millis(),
              "notes.txt.hold." + CLOCK.millis());
      assertThat(log.lines(Level.WARN))
          .anyMatch(l -> l.startsWith(truncated + ": corrupt queue file moved aside file=deferred/"
              + truncated) && l.contains("reason="))
          .anyMatch(l -> l.contains("file=active/" + garbage))
          .anyMatch(l -> l.contains("file=hold/notes.txt") && l.contains("not a queue id"));
    }
  }

  @Test
  void readOnlyInspectionSkipsCorruptFilesWithoutMovingThem() throws IOException {
    try (Spool spool = Spool.open(dir, CLOCK)) {
      commit(spool, TestEnvelopes.full(TestEnvelopes.id(20)), BODY);
      Files.writeString(dir.resolve("active").resolve(TestEnvelopes.id(21).value()), "junk");
      assertThat(Spool.inspect(dir)).hasSize(1);
      assertThat(names(dir.resolve("active"))).hasSize(2);
      assertThat(names(dir.resolve("corrupt"))).isEmpty();
    }
  }

  @Test
  void findQuarantinesACorruptFile() throws IOException {
    QueueId id = TestEnvelopes.id(22);
    try (Spool spool = Spool.open(dir, CLOCK)) {
      QueueEntry e = commit(spool, TestEnvelopes.full(id), BODY);
      assertThat(spool.find(id)).get().extracting(QueueEntry::state).isEqualTo(QueueState.ACTIVE);
      byte[] bytes = Files.readAllBytes(e.file());
      bytes[bytes.length - 40] ^= 1; // inside the envelope section
      Files.write(e.file(), bytes);
      assertThat(spool.find(id)).isEmpty();
      assertThat(names(dir.resolve("corrupt"))).hasSize(1);
    }
  }

  @Test
  void changedContentFailsAtTheEndOfTheStream() throws IOException {
    try (Spool spool = Spool.open(dir, CLOCK)) {
      QueueEntry e = commit(spool, TestEnvelopes.full(TestEnvelopes.id(23)), BODY);
      byte[] bytes = Files.readAllBytes(e.file());
      bytes[3] ^= 0x20;
      Files.write(e.file(), bytes);
      assertThatThrownBy(() -> readContent(e))
          .isInstanceOf(CorruptQueueFileException.class)
          .hasMessageContaining("content checksum");
    }
  }

  @Test
  void movesBetweenStatesAndRemoves() throws IOException {
    QueueId id = TestEnvelopes.id(30);
    try (Spool spool = Spool.open(dir, CLOCK)) {
      QueueEntry e = commit(spool, TestEnvelopes.full(id), BODY);
      QueueEntry deferred = spool.move(e, QueueState.DEFERRED);
      assertThat(names(dir.resolve("active"))).isEmpty();
      assertThat(names(dir.resolve("deferred"))).containsExactly(id.value());
      QueueEntry held = spool.move(deferred, QueueState.HOLD);
      assertThat(spool.find(id)).get().extracting(QueueEntry::state).isEqualTo(QueueState.HOLD);
      assertThat(readContent(held)).isEqualTo(BODY);
      spool.remove(held);
      assertThat(spool.list()).isEmpty();
      assertThat(spool.find(id)).isEmpty();
    }
  }

  @Test
  void moveRefusesToReplaceAnExistingEntry() throws IOException {
    QueueId id = TestEnvelopes.id(31);
    try (Spool spool = Spool.open(dir, CLOCK)) {
      QueueEntry e = commit(spool, TestEnvelopes.full(id), BODY);
      Files.copy(e.file(), dir.resolve("hold").resolve(id.value()));
      assertThatThrownBy(() -> spool.move(e, QueueState.HOLD))
          .isInstanceOf(FileAlreadyExistsException.class);
      assertThat(names(dir.resolve("active"))).containsExactly(id.value());
    }
  }

  @Test
  void aSecondCommitWithTheSameQueueIdDoesNotReplaceTheFirst() throws IOException {
    QueueId id = TestEnvelopes.id(32);
    try (Spool spool = Spool.open(dir, CLOCK)) {
      commit(spool, TestEnvelopes.full(id), BODY);
      assertThatThrownBy(() -> commit(spool, TestEnvelopes.minimal(id), new byte[] {1, 2, 3}))
          .isInstanceOf(FileAlreadyExistsException.class);
      assertThat(spool.list()).singleElement().satisfies(e -> {
        assertThat(e.envelope()).isEqualTo(TestEnvelopes.full(id));
        assertThat(readContent(e)).isEqualTo(BODY);
      });
      assertThat(names(dir.resolve("incoming"))).isEmpty();
    }
  }

  @Test
  void commitRefusesAnEnvelopeForAnotherQueueIdAndASecondCommit() throws IOException {
    try (Spool spool = Spool.open(dir, CLOCK);
        Intake.Draft draft = spool.intake().begin(TestEnvelopes.id(40))) {
      assertThatThrownBy(() -> draft.commit(TestEnvelopes.full(TestEnvelopes.id(41))))
          .isInstanceOf(IllegalArgumentException.class);
      draft.commit(TestEnvelopes.full(TestEnvelopes.id(40)));
      assertThatThrownBy(() -> draft.commit(TestEnvelopes.full(TestEnvelopes.id(40))))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> draft.content().write(1)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void onlyOneProcessOwnsTheSpool() throws IOException {
    try (Spool spool = Spool.open(dir, CLOCK)) {
      assertThatThrownBy(() -> Spool.open(dir, CLOCK))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("in use");
    }
    Spool.open(dir, CLOCK).close(); // released on close
  }

  @Test
  void largeMessageStreamsBackIntact() throws IOException {
    RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
    byte[] content = new byte[6 << 20];
    random.nextBytes(content);
    try (Spool spool = Spool.open(dir, CLOCK)) {
      QueueId id = TestEnvelopes.id(50);
      try (Intake.Draft draft = spool.intake().begin(id)) {
        SpoolFixture.writeInChunks(draft.content(), content, random);
        draft.commit(TestEnvelopes.full(id));
      }
      QueueEntry e = spool.find(id).orElseThrow();
      assertThat(e.size()).isEqualTo(content.length);
      try (InputStream in = e.openContent()) {
        assertThat(SpoolFixture.sha256(in))
            .isEqualTo(java.util.HexFormat.of().formatHex(SpoolFixture.sha256().digest(content)));
      }
    }
  }

  @Test
  void emptyContentIsAMessageToo() throws IOException {
    try (Spool spool = Spool.open(dir, CLOCK)) {
      QueueEntry e = commit(spool, TestEnvelopes.minimal(TestEnvelopes.id(60)), new byte[0]);
      assertThat(Spool.inspect(dir)).singleElement().extracting(QueueEntry::size).isEqualTo(0L);
      assertThat(readContent(e)).isEmpty();
    }
  }

  /** Captures one logger's formatted lines for the duration of a test. */
  record LogCapture(Logger logger, ListAppender<ILoggingEvent> appender) implements AutoCloseable {
    static LogCapture of(Class<?> type) {
      Logger logger = (Logger) LoggerFactory.getLogger(type);
      ListAppender<ILoggingEvent> appender = new ListAppender<>();
      appender.start();
      logger.addAppender(appender);
      return new LogCapture(logger, appender);
    }

    java.util.List<String> lines(Level level) {
      return appender.list.stream()
          .filter(e -> e.getLevel() == level)
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }

    @Override
    public void close() {
      logger.detachAppender(appender);
    }
  }
}
