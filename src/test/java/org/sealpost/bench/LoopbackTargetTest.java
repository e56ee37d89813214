package org.sealpost.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTargetTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:2525", "127.0.0.91:2591", "127.255.255.254:1", "[::1]:2525"})
  void acceptsLoopbackLiterals(String text) {
    assertThat(LoopbackTarget.parse(text).address().getAddress().isLoopbackAddress()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1:25", "192.0.2.7:2525", "128.0.0.1:25", "0.0.0.0:2525",
      "[::]:2525", "[2001:db8::1]:25", "[::ffff:192.0.2.1]:25"})
  void refusesAddressesOffLoopback(String text) {
    assertThatThrownBy(() -> LoopbackTarget.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:2525", "mx.example.org:25", "127.0.0.1", "127.0.0.1:",
      ":25", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:x"})
  void refusesNamesAndMalformedTargets(String text) {
    assertThatThrownBy(() -> LoopbackTarget.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:2525", "[::1]:2525"})
  void printsWhatItParsed(String text) {
    assertThat(LoopbackTarget.parse(text).toString()).isEqualTo(text.replace("::1", "0:0:0:0:0:0:0:1"));
  }
}
