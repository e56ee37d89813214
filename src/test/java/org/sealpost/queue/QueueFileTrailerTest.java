package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.Random.class)
class QueueFileTrailerTest {

  private static final QueueFileTrailer TRAILER = new QueueFileTrailer(1000, 200, 0x1234, -7);
  private static final long FILE = 1000 + 200 + QueueFileTrailer.LENGTH;

  @Test
  void roundTrips() throws Exception {
    assertThat(QueueFileTrailer.decode(TRAILER.encode(), FILE)).isEqualTo(TRAILER);
  }

  @Test
  void rejectsAnUnknownVersionEvenWithAValidChecksum() {
    ByteBuffer b = TRAILER.encode();
    b.putInt(20, 2);
    byte[] head = new byte[24];
    b.get(0, head);
    b.putInt(24, QueueFileTrailer.crc(head, 0, 24));
    assertThatThrownBy(() -> QueueFileTrailer.decode(b, FILE))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessage("unsupported format version 2");
  }

  @Test
  void rejectsMissingMagic() {
    ByteBuffer b = TRAILER.encode();
    b.put(31, (byte) 'X');
    assertThatThrownBy(() -> QueueFileTrailer.decode(b, FILE))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void rejectsAnyFlippedBitInTheChecksummedPart() {
    for (int i = 0; i < 24; i++) {
      if (i >= 20) {
        continue; // the version field: a flip reads as an unknown version, also rejected
      }
      ByteBuffer b = TRAILER.encode();
      b.put(i, (byte) (b.get(i) ^ 0x10));
      assertThatThrownBy(() -> QueueFileTrailer.decode(b, FILE))
          .as("byte %d", i)
          .isInstanceOf(CorruptQueueFileException.class)
          .hasMessage("trailer checksum mismatch");
    }
  }

  @Test
  void rejectsLengthsThatDoNotMatchTheFile() {
    assertThatThrownBy(() -> QueueFileTrailer.decode(TRAILER.encode(), FILE + 1))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("do not add up");
  }

  @Test
  void rejectsAFileShorterThanATrailer() {
    assertThatThrownBy(() -> QueueFileTrailer.decode(ByteBuffer.allocate(5), 5))
        .isInstanceOf(CorruptQueueFileException.class)
        .hasMessageContaining("truncated");
  }
}
