package org.sealpost.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.mail.EnhancedStatus;

/** Reply rendering (RFC 5321 §4.2, RFC 2034) and parsing of server replies. */
class ReplyTest {

  private static String wire(Reply r) {
    return new String(r.toWire(), UTF_8);
  }

  private static Reply parse(String wire) throws IOException {
    return new ReplyReader(new ByteArrayInputStream(wire.getBytes(UTF_8))).read();
  }

  @Test
  void rendersSingleLineReplies() {
    assertThat(wire(Reply.of(250, "2.1.0", "Sender ok"))).isEqualTo("250 2.1.0 Sender ok\r\n");
    assertThat(wire(Reply.of(220, "mx.example ESMTP"))).isEqualTo("220 mx.example ESMTP\r\n");
    assertThat(wire(Reply.of(250, ""))).isEqualTo("250\r\n");
    assertThat(wire(Reply.of(250, "2.0.0", ""))).isEqualTo("250 2.0.0\r\n");
    assertThat(wire(Reply.ok("2.1.5", "Recipient ok"))).isEqualTo("250 2.1.5 Recipient ok\r\n");
    assertThat(wire(Reply.reject(530, "5.7.10", "REQUIRETLS needs a TLS session")))
        .isEqualTo("530 5.7.10 REQUIRETLS needs a TLS session\r\n");
  }

  @Test
  void rendersMultiLineRepliesWithTheEnhancedCodeOnEveryLine() { // RFC 2034 §3
    assertThat(wire(Reply.multiline(250, List.of("mx.example", "PIPELINING", "SIZE 1000"))))
        .isEqualTo("250-mx.example\r\n250-PIPELINING\r\n250 SIZE 1000\r\n");
    assertThat(wire(new Reply(550, EnhancedStatus.of("5.7.1"), List.of("Relaying denied", "see policy"))))
        .isEqualTo("550-5.7.1 Relaying denied\r\n550 5.7.1 see policy\r\n");
    assertThat(wire(Reply.multiline(214, List.of("", "end")))).isEqualTo("214-\r\n214 end\r\n");
  }

  @Test
  void refusesUnsafeReplies() {
    assertThatThrownBy(() -> Reply.of(250, "ok\r\n250 injected")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Reply.of(550, "4.7.1", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Reply.of(199, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Reply.reject(250, "2.0.0", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Reply.multiline(250, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(Reply.safeText("bad\r\nname\u0085\u0000x")).isEqualTo("bad??name??x");
    assertThat(Reply.safeText("abcdef", 3)).isEqualTo("abc");
  }

  @Test
  void classifiesCodes() {
    assertThat(Reply.of(250, "x").isPositive()).isTrue();
    assertThat(Reply.of(354, "x").isIntermediate()).isTrue();
    assertThat(Reply.of(451, "x").isTransientFailure()).isTrue();
    assertThat(Reply.of(554, "x").isPermanentFailure()).isTrue();
  }

  @Test
  void parsesWhatItRenders() throws IOException {
    for (Reply r : List.of(
        Reply.of(250, "2.1.0", "Sender ok"),
        Reply.of(220, "mx.example ESMTP ready"),
        Reply.multiline(250, List.of("mx.example", "PIPELINING", "SIZE 1000")),
        new Reply(550, EnhancedStatus.of("5.7.30"), List.of("REQUIRETLS support required", "try later")))) {
      assertThat(parse(wire(r))).isEqualTo(r);
    }
  }

  @Test
  void parsesServerReplyVariants() throws IOException {
    assertThat(parse("250\r\n")).isEqualTo(Reply.of(250, ""));
    assertThat(parse("250 \r\n")).isEqualTo(Reply.of(250, ""));
    // an enhanced code whose class does not match the reply code is just text
    assertThat(parse("250 5.0.0 odd\r\n")).isEqualTo(Reply.of(250, "5.0.0 odd"));
    assertThat(parse("451 4.3.0\r\n")).isEqualTo(Reply.of(451, "4.3.0", ""));
    assertThat(parse("250 2.0 not enhanced\r\n").status()).isNull();
    assertThat(parse("550-5.1.1 first\r\n550 second\r\n").lines()).containsExactly("first", "second");
  }

  @Test
  void refusesMalformedReplies() {
    for (String bad : List.of(
        "25 short\r\n", "abc text\r\n", "250x text\r\n", "250-a\r\n251 b\r\n", "150 old\r\n",
        "250 bare LF\n", "250 bare\rCR\r\n", "250 nul\u0000\r\n", "250 " + "x".repeat(3000) + "\r\n")) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(SmtpProtocolException.class);
    }
    assertThatThrownBy(() -> parse("250-more to come\r\n")).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> parse("")).isInstanceOf(EOFException.class);
  }

  @Test
  void limitsTheNumberOfLines() {
    String wire = "250-x\r\n".repeat(10) + "250 end\r\n";
    assertThatThrownBy(() -> new ReplyReader(new ByteArrayInputStream(wire.getBytes(UTF_8)), 512, 5).read())
        .isInstanceOf(SmtpProtocolException.class);
  }

  @Test
  void readsRepliesSplitAtEveryByte() throws IOException {
    byte[] w = "250-mx.example\r\n250-8BITMIME\r\n250 SIZE 10\r\n220 2.0.0 go\r\n".getBytes(UTF_8);
    for (int split = 0; split <= w.length; split++) {
      ReplyReader reader = new ReplyReader(new SplitInputStream(w, split, 3));
      assertThat(reader.read().lines()).containsExactly("mx.example", "8BITMIME", "SIZE 10");
      assertThat(reader.read()).isEqualTo(Reply.of(220, "2.0.0", "go"));
    }
  }
}
