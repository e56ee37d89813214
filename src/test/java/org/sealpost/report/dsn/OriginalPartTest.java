package org.sealpost.report.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sealpost.delivery.MessageContent;

/** The returned part is read from a stream: results must not depend on how reads are split. */
@TestMethodOrder(MethodOrderer.Random.class)
class OriginalPartTest {

  @ParameterizedTest(name = "reads of {0} bytes")
  @ValueSource(ints = {1, 2, 3, 7, 8192})
  void headerSectionEndsBeforeTheEmptyLine(int chunk) throws IOException {
    MessageContent c = content("A: 1\r\nB: 2\r\n continued\r\n\r\nbody\r\n\r\nmore\r\n", chunk);

    assertThat(new String(OriginalPart.headerSection(c), StandardCharsets.US_ASCII))
        .isEqualTo("A: 1\r\nB: 2\r\n continued\r\n");
  }

  @Test
  void messageWithoutEmptyLineIsAllHeaders() throws IOException {
    assertThat(OriginalPart.headerSection(content("A: 1\r\nB: 2\r\n", 8192))).asString().isEqualTo("A: 1\r\nB: 2\r\n");
    assertThat(OriginalPart.headerSection(content("\r\nonly body\r\n", 8192))).isEmpty();
  }

  @Test
  void overlongHeaderSectionIsCutAtALineEnd() throws IOException {
    String line = "X-Filler: " + "f".repeat(88) + "\r\n"; // 100 octets
    String text = line.repeat(OriginalPart.MAX_HEADER_SECTION / 100 + 10) + "\r\nbody\r\n";

    byte[] section = OriginalPart.headerSection(content(text, 8192));

    assertThat(section.length).isLessThanOrEqualTo(OriginalPart.MAX_HEADER_SECTION).isGreaterThan(OriginalPart.MAX_HEADER_SECTION - 100);
    assertThat(new String(section, StandardCharsets.US_ASCII)).endsWith("\r\n").startsWith(line);
  }

  @ParameterizedTest(name = "needle at {0}")
  @ValueSource(ints = {0, 65_530, 65_534, 65_535, 65_536, 131_070, 200_000 - 7})
  void findsTheDelimiterWhereverReadsSplitIt(int at) throws IOException {
    byte[] bytes = new byte[200_000];
    java.util.Arrays.fill(bytes, (byte) 'a');
    byte[] needle = "--=_t1".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(needle, 0, bytes, at, needle.length);

    for (int chunk : new int[] {1, 5, 65_536}) {
      OriginalPart part = OriginalPart.full(content(bytes, chunk));
      assertThat(part.contains(needle)).as("chunk %d", chunk).isTrue();
      assertThat(part.contains("--=_t2".getBytes(StandardCharsets.US_ASCII))).isFalse();
      assertThat(part.eightBit()).isFalse();
    }
  }

  @Test
  void eightBitOctetsAreNoticed() throws IOException {
    assertThat(OriginalPart.full(content("Subject: Grüße\r\n\r\nx\r\n", 3)).eightBit()).isTrue();
    assertThat(OriginalPart.headers(content("Subject: x\r\n\r\nGrüße\r\n", 3)).eightBit()).isFalse();
  }

  private static MessageContent content(String text, int chunk) {
    return content(text.getBytes(StandardCharsets.UTF_8), chunk);
  }

  /** A stream that returns at most {@code chunk} bytes per read, as a file or socket may. */
  private static MessageContent content(byte[] bytes, int chunk) {
    return new MessageContent() {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
          }
        };
      }

      @Override
      public long size() {
        return bytes.length;
      }
    };
  }
}
