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
 * Status record formats are frozen like the queue file's: the writer must keep producing the
 * golden bytes of the current version (2) and the reader must keep reading every version ever
 * written (1 and 2). After an intended change, add version 3 and a new golden file; keep these.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class GoldenStatusFileTest {

  static final String GOLDEN = "/org/sealpost/queue/golden-v2.status";
  static final String GOLDEN_V1 = "/org/sealpost/queue/golden-v1.status";
  static final QueueId ID = TestEnvelopes.id(7);
  static final Envelope ENVELOPE = TestEnvelopes.full(ID);
  static final Instant T0 = Instant.parse("2025-03-14T09:27:00.5Z");
  static final Instant T1 = Instant.parse("2025-03-14T09:32:00Z");

  /** One recipient per outcome kind, with and without reply and hop, every flag exercised. */
  static DeliveryStatus sample() {
    return sample(true);
  }

  /** What version 1 held: the same, without the DSN passed on flag (read as false). */
  static DeliveryStatus sampleV1() {
    return sample(false);
  }

  private static DeliveryStatus sample(boolean dsnPassedOn) {
    Hop hop = new Hop("mx1.example.net", "2001:db8::25", 25, TlsLevel.DANE, true, dsnPassedOn);
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
      Path actual = Path.of("target", "golden-v2.status.actual");
      Files.write(actual, written);
      throw new AssertionError("status format changed; new bytes in " + actual.toAbsolutePath());
    }
  }

  @Test
  void readsTheGoldenRecord() throws IOException {
    assertThat(StatusCodec.decode(golden())).isEqualTo(sample());
  }

  /** DSN-4: a record written before the flag existed reads as "not passed on" (relayed DSN due). */
  @Test
  void readsAVersionOneRecordWithDsnNotPassedOn() throws IOException {
    DeliveryStatus old = StatusCodec.decode(golden(GOLDEN_V1));
    assertThat(old).isEqualTo(sampleV1());
    assertThat(old.recipients().getFirst().lastOutcome().hop().dsnPassedOn()).isFalse();
  }

  @Test
  void aVersionOneRecordIsRewrittenAsVersionTwo() throws IOException {
    byte[] rewritten = StatusCodec.encode(StatusCodec.decode(golden(GOLDEN_V1)));
    assertThat(ByteBuffer.wrap(rewritten).getInt(4)).isEqualTo(StatusCodec.VERSION).isEqualTo(2);
    assertThat(StatusCodec.decode(rewritten)).isEqualTo(sampleV1());
  }

  @Test
  void theDsnPassedOnFlagRoundTrips() throws IOException {
    for (boolean passedOn : new boolean[] {true, false}) {
      DeliveryStatus s = sample(passedOn);
      assertThat(StatusCodec.decode(StatusCodec.encode(s))).isEqualTo(s);
    }
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
    ByteBuffer.wrap(bytes).putInt(4, 3);
    assertThatThrownBy(() -> StatusCodec.decode(bytes))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("version 3");
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
    return golden(GOLDEN);
  }

  private static byte[] golden(String resource) throws IOException {
    try (InputStream in = GoldenStatusFileTest.class.getResourceAsStream(resource)) {
      return in == null ? new byte[0] : in.readAllBytes();
    }
  }
}
