package org.sealpost.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.QueueId;

/**
 * Format version 1 is frozen: a file saved by this version must stay readable, and the writer must
 * keep producing it byte for byte (Postfix: changing saved codes breaks queue compatibility). If
 * this fails after an intended format change, add version 2 and a new golden file; keep this one.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class GoldenQueueFileTest {

  static final String GOLDEN = "/org/sealpost/queue/golden-v1.queue";
  static final QueueId ID = TestEnvelopes.id(7);
  static final Envelope ENVELOPE = TestEnvelopes.full(ID);
  static final byte[] CONTENT =
      ("Received: from client.example.org ([2001:db8::25]) by mx.sealpost.test\r\n"
              + "\twith ESMTPSA id " + ID + "; Fri, 14 Mar 2025 09:26:53 +0000\r\n"
              + "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: golden\r\n\r\n"
              + "Grüße, body in UTF-8.\r\n")
          .getBytes(StandardCharsets.UTF_8);
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.EPOCH);

  @TempDir Path dir;

  @Test
  void writerStillProducesTheGoldenFileByteForByte() throws IOException {
    byte[] written;
    try (Spool spool = Spool.open(dir, CLOCK)) {
      written = Files.readAllBytes(SpoolFixture.commit(spool, ENVELOPE, CONTENT).file());
    }
    byte[] golden = golden();
    if (!java.util.Arrays.equals(written, golden)) {
      Path actual = Path.of("target", "golden-v1.queue.actual");
      Files.write(actual, written);
      throw new AssertionError("queue file format changed; new bytes in " + actual.toAbsolutePath());
    }
  }

  @Test
  void readsTheGoldenFile() throws IOException {
    Files.createDirectories(dir.resolve("hold"));
    Files.write(dir.resolve("hold").resolve(ID.value()), golden());
    try (Spool spool = Spool.open(dir, CLOCK)) {
      QueueEntry entry = spool.find(ID).orElseThrow();
      assertThat(entry.state()).isEqualTo(QueueState.HOLD);
      assertThat(entry.envelope()).isEqualTo(ENVELOPE);
      assertThat(entry.size()).isEqualTo(CONTENT.length);
      try (InputStream in = entry.openContent()) {
        assertThat(in.readAllBytes()).isEqualTo(CONTENT);
      }
    }
  }

  @Test
  void aFileOfAnUnknownVersionIsMovedAside() throws IOException {
    byte[] bytes = golden();
    ByteBuffer trailer = ByteBuffer.wrap(bytes, bytes.length - QueueFileTrailer.LENGTH, QueueFileTrailer.LENGTH).slice();
    trailer.putInt(20, 2);
    byte[] head = new byte[24];
    trailer.get(0, head);
    trailer.putInt(24, QueueFileTrailer.crc(head, 0, 24));
    Files.createDirectories(dir.resolve("active"));
    Files.write(dir.resolve("active").resolve(ID.value()), bytes);
    try (Spool spool = Spool.open(dir, CLOCK)) {
      assertThat(spool.list()).isEmpty();
      assertThat(SpoolFixture.names(dir.resolve("corrupt"))).hasSize(1);
    }
  }

  private static byte[] golden() throws IOException {
    try (InputStream in = GoldenQueueFileTest.class.getResourceAsStream(GOLDEN)) {
      if (in == null) {
        return new byte[0];
      }
      return in.readAllBytes();
    }
  }
}
