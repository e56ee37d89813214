package org.sealpost.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 2045 §6.7 quoted-printable, as the 7-bit conversion writes it (EXT-2). */
@TestMethodOrder(MethodOrderer.Random.class)
class QuotedPrintableTest {

  static String encode(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    QuotedPrintable.encode(in, 0, in.length, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("plain ascii\r\n", "plain ascii\r\n"),
        Arguments.of("caf\u00e9\r\n", "caf=C3=A9\r\n"),
        Arguments.of("a=b\r\n", "a=3Db\r\n"),
        Arguments.of("trailing space \r\n", "trailing space=20\r\n"),
        Arguments.of("trailing tab\t\r\n", "trailing tab=09\r\n"),
        Arguments.of("inner space kept\r\n", "inner space kept\r\n"),
        Arguments.of("no final line end", "no final line end"),
        Arguments.of("--looks like a delimiter\r\n", "=2D-looks like a delimiter\r\n"),
        Arguments.of("\r\n\r\n", "\r\n\r\n"),
        Arguments.of("bare\rCR and bare\nLF\r\n", "bare=0DCR and bare=0ALF\r\n"),
        Arguments.of("x".repeat(75) + "\r\n", "x".repeat(75) + "\r\n"),
        Arguments.of("x".repeat(76) + "\r\n", "x".repeat(75) + "=\r\nx\r\n"),
        Arguments.of("x".repeat(74) + "\u00e9\r\n", "x".repeat(74) + "=\r\n=C3=A9\r\n"),
        Arguments.of("x".repeat(75) + "-y\r\n", "x".repeat(75) + "=\r\n=2Dy\r\n"));
  }

  @ParameterizedTest(name = "{index}: {1}")
  @MethodSource("table")
  void encodesPerRfc2045(String input, String expected) {
    assertThat(encode(input.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @Test
  void randomOctetsRoundTripWithinTheLineLimit() {
    Random random = new Random(6152);
    for (int n = 0; n < 500; n++) {
      byte[] in = new byte[random.nextInt(400)];
      random.nextBytes(in);
      String encoded = encode(in);
      assertThat(SevenBitConversionTest.decodeQuotedPrintable(encoded)).isEqualTo(in);
      for (String line : encoded.split("\r\n", -1)) {
        assertThat(line.length()).isLessThanOrEqualTo(QuotedPrintable.MAX_LINE);
        assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t").doesNotStartWith("-");
      }
      assertThat(encoded.chars()).allMatch(c -> c < 128);
    }
  }
}
