package org.sealpost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchMessageTest {

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 402, 477, 478, 479, 480, 1000, 2048, 65536})
  void hasExactlyTheWantedSizeBeforeTheEndOfData(int size) {
    byte[] wire = BenchMessage.wire(123, size);
    String text = new String(wire, StandardCharsets.US_ASCII);
    assertThat(wire.length).isEqualTo(size + 3);
    assertThat(text).endsWith("\r\n.\r\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 479, 2048})
  void needsNoDotStuffingAndHasOnlyCrlfLineEnds(int size) {
    String text = new String(BenchMessage.wire(Long.MAX_VALUE, size), StandardCharsets.US_ASCII);
    String content = text.substring(0, text.length() - 3);
    assertThat(content.split("\r\n", -1)).allSatisfy(line -> assertThat(line).doesNotStartWith("."));
    assertThat(content.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    assertThat(content.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100, 200})
  void refusesSizesBelowTheHeaders(int size) {
    assertThatThrownBy(() -> BenchMessage.wire(1, size)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void givesEachMessageItsOwnMessageId(long serial) {
    String a = new String(BenchMessage.wire(serial, 2048), StandardCharsets.US_ASCII);
    String b = new String(BenchMessage.wire(serial + 1, 2048), StandardCharsets.US_ASCII);
    assertThat(a).contains("Message-ID: <" + serial + ".");
    assertThat(a).isNotEqualTo(b);
  }
}
