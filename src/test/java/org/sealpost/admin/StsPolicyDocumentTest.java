package org.sealpost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.MtaStsPolicyConfig;
import org.sealpost.mail.Domain;

@TestMethodOrder(MethodOrderer.Random.class)
class StsPolicyDocumentTest {

  private static final StsPolicyDocument BASE =
      StsPolicyDocument.of(MtaStsMode.ENFORCE, List.of("mx1.example.org", "*.mx.example.org"), 604_800);

  private static MtaStsPolicyConfig config(MtaStsMode mode, List<String> mx, long maxAge, List<Domain> domains,
      int port) {
    return new MtaStsPolicyConfig(true, new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), port),
        null, null, mode, mx, maxAge, domains, List.of());
  }

  @Test
  void textIsVersionFirstThenModeMxLinesAndMaxAgeWithCrlf() { // STS-3
    assertThat(BASE.text()).isEqualTo("""
        version: STSv1\r
        mode: enforce\r
        mx: mx1.example.org\r
        mx: *.mx.example.org\r
        max_age: 604800\r
        """);
    assertThat(BASE.lines()).containsExactly("version: STSv1", "mode: enforce", "mx: mx1.example.org",
        "mx: *.mx.example.org", "max_age: 604800");
  }

  @Test
  void modeNoneMayHaveNoMxLines() { // STS-3: mx not required for mode none
    StsPolicyDocument none = StsPolicyDocument.of(MtaStsMode.NONE, List.of(), 86_400);
    assertThat(none.text()).isEqualTo("version: STSv1\r\nmode: none\r\nmax_age: 86400\r\n");
  }

  @Test
  void idIsThirtyTwoAlphanumericsFromTheSha256OfTheText() throws Exception { // STS-1
    assertThat(BASE.id()).matches("[a-f0-9]{32}");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(BASE.text().getBytes(StandardCharsets.US_ASCII));
    assertThat(BASE.id()).isEqualTo(HexFormat.of().formatHex(digest).substring(0, 32));
  }

  @Test
  void sameSettingsGiveTheSameIdEveryTime() {
    StsPolicyDocument again =
        StsPolicyDocument.of(MtaStsMode.ENFORCE, List.of("mx1.example.org", "*.mx.example.org"), 604_800);
    assertThat(again).isEqualTo(BASE);
    // Settings the policy file does not carry leave the id alone: listener, domains, enabled.
    StsPolicyDocument a = StsPolicyDocument.of(config(MtaStsMode.ENFORCE,
        List.of("mx1.example.org", "*.mx.example.org"), 604_800, List.of(Domain.of("example.org")), 8443));
    StsPolicyDocument b = StsPolicyDocument.of(config(MtaStsMode.ENFORCE,
        List.of("mx1.example.org", "*.mx.example.org"), 604_800,
        List.of(Domain.of("example.org"), Domain.of("example.net")), 443));
    assertThat(a.id()).isEqualTo(BASE.id()).isEqualTo(b.id());
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("mode testing", StsPolicyDocument.of(MtaStsMode.TESTING,
            List.of("mx1.example.org", "*.mx.example.org"), 604_800)),
        Arguments.of("mode none", StsPolicyDocument.of(MtaStsMode.NONE,
            List.of("mx1.example.org", "*.mx.example.org"), 604_800)),
        Arguments.of("an mx added", StsPolicyDocument.of(MtaStsMode.ENFORCE,
            List.of("mx1.example.org", "*.mx.example.org", "mx2.example.org"), 604_800)),
        Arguments.of("an mx removed", StsPolicyDocument.of(MtaStsMode.ENFORCE,
            List.of("mx1.example.org"), 604_800)),
        Arguments.of("an mx renamed", StsPolicyDocument.of(MtaStsMode.ENFORCE,
            List.of("mx9.example.org", "*.mx.example.org"), 604_800)),
        Arguments.of("mx reordered", StsPolicyDocument.of(MtaStsMode.ENFORCE,
            List.of("*.mx.example.org", "mx1.example.org"), 604_800)),
        Arguments.of("max_age one second more", StsPolicyDocument.of(MtaStsMode.ENFORCE,
            List.of("mx1.example.org", "*.mx.example.org"), 604_801)),
        Arguments.of("max_age at the limit", StsPolicyDocument.of(MtaStsMode.ENFORCE,
            List.of("mx1.example.org", "*.mx.example.org"), 31_557_600)));
  }

  /** Senders refetch only on a new id (RFC 8461 §3.1), so any change to the text needs one. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void anyChangeToThePolicyChangesTheId(String change, StsPolicyDocument changed) {
    assertThat(changed.text()).isNotEqualTo(BASE.text());
    assertThat(changed.id()).isNotEqualTo(BASE.id()).matches("[a-f0-9]{32}");
  }

  @Test
  void refusesAnIdSendersWouldDrop() { // STS-1
    assertThatThrownBy(() -> new StsPolicyDocument("version: STSv1\r\n", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StsPolicyDocument("version: STSv1\r\n", "a".repeat(33)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StsPolicyDocument("version: STSv1\r\n", "2024-01-01"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
