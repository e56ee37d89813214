package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.TlsLevel;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.QueueId;

/**
 * Status record format version 1 is frozen like the queue file's: the writer must keep producing
 * the golden bytes and the reader must keep reading them. After an intended change, add version 2
 * and a new golden file; keep this one.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class GoldenStatusFileTest {

  static final String GOLDEN = "/org/sealpost/queue/golden-v1.status";
  static final QueueId ID = TestEnvelopes.id(7);
  static final Envelope ENVELOPE = TestEnvelopes.full(ID);
  static final Instant T0 = Instant.parse("2025-03-14T09:27:00.5Z");
  static final Instant T1 = Instant.parse("2025-03-14T09:32:00Z");

  /** One recipient per outcome kind, with and without reply and hop, every flag exercised. */
  static DeliveryStatus sample() {
    Hop hop = new Hop("mx1.example.net", "2001:db8::25", 25, TlsLevel.DANE, true);
    return new DeliveryStatus(ID, List.of(
        new RecipientStatus(ENVELOPE.recipients().get(0).address(), RecipientState.DELIVERED, 2, T0,
            T1, new DeliveryOutcome.Delivered(EnhancedStatus.of("2.0.0"),
                "250 2.0.0 Ok: queued as 4BX2K7", "accepted by the next hop", hop), false, true),
        new RecipientStatus(ENVELOPE.recipients().get(1).address(), RecipientState.PENDING, 2, T0,
            T1, new DeliveryOutcome.Deferred(EnhancedStatus.of("4.4.1"), null,
                "no MX host answered (connection refused)", null), true, false),
        new RecipientStatus(ENVELOPE.recipients().get(2).address(), RecipientState.FAILED, 1, T0,
            T0, new DeliveryOutcome.Failed(EnhancedStatus.of("5.7.30"), "550 5.7.30 REQUIRETLS "
                + "support required", "no MX host offers REQUIRETLS over verified TLS",
                new Hop("mx2.example.com", "192.0.2.9", 25, TlsLevel.VERIFIED_PKIX, false)),
            false, false)),
        Instant.parse("2025-03-14T09:42:00Z"));
  }

  @TempDir Path dir;

  @Test
  void writerStillProducesTheGoldenRecordByteForByte() throws IOException {
    byte[] written = StatusCodec.encode(sample());
    if (!Arrays.equals(written, golden())) {
      Path actual = Path.of("target", "golden-v1.status.actual");
      Files.write(actual, written);
      throw new AssertionError("status format changed; new bytes in " + actual.toAbsolutePath());
    }
  }

  @Test
  void readsTheGoldenRecord() throws IOException {
    assertThat(StatusCodec.decode(golden())).isEqualTo(sample());
  }

  @Test
  void aFreshRecordAndOneWithoutOutcomesRoundTrip() throws IOException {
    DeliveryStatus fresh = DeliveryStatus.fresh(TestEnvelopes.minimal(TestEnvelopes.id(3)));
    assertThat(StatusCodec.decode(StatusCodec.encode(fresh))).isEqualTo(fresh);
  }

  @Test
  void refusesEveryTruncation() {
    byte[] bytes = StatusCodec.encode(sample());
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThatThrownBy(() -> StatusCodec.decode(cut)).as("first %d bytes", n)
          .isInstanceOf(CorruptQueueFileException.class);
    }
  }

  @Test
  void refusesAnyFlippedByte() {
    byte[] bytes = StatusCodec.encode(sample());
    for (int i = 0; i < bytes.length; i++) {
      byte[] bad = bytes.clone();
      bad[i] ^= 0x20;
      assertThatThrownBy(() -> StatusCodec.decode(bad)).as("byte %d", i)
          .isInstanceOf(CorruptQueueFileException.class);
    }
  }

  @Test
  void refusesAnUnknownVersion() {
    byte[] bytes = StatusCodec.encode(sample());
    ByteBuffer.wrap(bytes).putInt(4, 2);
    assertThatThrownBy(() -> StatusCodec.decode(bytes))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void savedRecordReplacesTheOldOneAndLeavesNoTemporaryFile() throws IOException {
    try (Spool spool = Spool.open(dir, new ManualClock(T0))) {
      DeliveryStatus fresh = DeliveryStatus.fresh(ENVELOPE);
      spool.statuses().save(fresh);
      spool.statuses().save(sample());
      assertThat(spool.statuses().load(ID)).contains(sample());
      assertThat(SpoolFixture.names(dir.resolve("status"))).containsExactly(ID.value());
      assertThat(Files.readAllBytes(dir.resolve("status").resolve(ID.value()))).isEqualTo(golden());
      assertThat(sample().matches(ENVELOPE)).isTrue();
      assertThat(fresh.matches(TestEnvelopes.minimal(ID))).isFalse();
    }
  }

  private static byte[] golden() throws IOException {
    try (InputStream in = GoldenStatusFileTest.class.getResourceAsStream(GOLDEN)) {
      return in == null ? new byte[0] : in.readAllBytes();
    }
  }
}
