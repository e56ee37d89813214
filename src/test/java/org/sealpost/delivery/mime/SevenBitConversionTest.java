package org.sealpost.delivery.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealpost.delivery.MessageContent;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.mail.BodyType;
import org.sealpost.mail.ClientInfo;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.MailAddress;
import org.sealpost.mail.QueueId;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.Ret;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

/** EXT-2 (RFC 6152 §3): converting 8-bit MIME for a hop without 8BITMIME, or refusing with 5.6.3. */
@TestMethodOrder(MethodOrderer.Random.class)
class SevenBitConversionTest {

  static final String TEXT_8BIT = "Grüße aus Köln = 100 €\r\nZweite Zeile mit Leerzeichen am Ende \r\n";

  static OutboundMessage message(String content) {
    Envelope e = new Envelope(QueueId.generate(Instant.parse("2025-03-14T09:00:00Z")),
        Instant.parse("2025-03-14T09:00:00Z"), new ClientInfo("192.0.2.1", 1, "c.test", "smtp", null, null),
        MailAddress.parse("alice@src.test"), List.of(Recipient.of(MailAddress.parse("bob@dest.test"))),
        BodyType.EIGHT_BIT_MIME, false, 0, null, Ret.NOT_GIVEN, TlsRequirement.REQUIRE_TLS, VerificationFloor.NONE);
    return new OutboundMessage(e, MessageContent.of(content.getBytes(StandardCharsets.UTF_8)));
  }

  static Conversion convert(String content) throws IOException {
    return SevenBitConversion.convert(message(content), "mx.dest.test");
  }

  static String converted(String content) throws IOException {
    Conversion c = convert(content);
    assertThat(c).isInstanceOf(Conversion.Converted.class);
    OutboundMessage m = ((Conversion.Converted) c).message();
    assertThat(m.envelope().body()).isEqualTo(BodyType.SEVEN_BIT);
    byte[] bytes;
    try (InputStream in = m.content().open()) {
      bytes = in.readAllBytes();
    }
    assertSevenBitWireSafe(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  /** No octet above 127, CRLF only (SEC-6), no line over 998 octets (SMTP-1). */
  static void assertSevenBitWireSafe(byte[] bytes) {
    int lineLength = 0;
    for (int i = 0; i < bytes.length; i++) {
      assertThat(bytes[i]).as("octet %d", i).isNotNegative();
      if (bytes[i] == '\r') {
        assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("bare CR at %d", i).isTrue();
      } else if (bytes[i] == '\n') {
        assertThat(i > 0 && bytes[i - 1] == '\r').as("bare LF at %d", i).isTrue();
        lineLength = 0;
      } else {
        assertThat(++lineLength).isLessThanOrEqualTo(998);
      }
    }
  }

  /** A test-side decoder: RFC 2045 §6.7 soft breaks removed, then =XX decoded. */
  static byte[] decodeQuotedPrintable(String encoded) {
    String s = encoded.replace("=\r\n", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '=') {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  static String body(String message) {
    return message.substring(message.indexOf("\r\n\r\n") + 4);
  }

  @Test
  void eightBitTextBecomesQuotedPrintableAndDecodesBackExactly() throws IOException {
    String out = converted("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\nSubject: hi\r\n\r\n" + TEXT_8BIT);
    assertThat(out).contains("Content-Transfer-Encoding: quoted-printable\r\n").doesNotContain("8bit")
        .contains("Subject: hi\r\n").contains("Content-Type: text/plain; charset=utf-8\r\n");
    assertThat(body(out)).contains("=3D 100").endsWith("am Ende=20\r\n");
    assertThat(decodeQuotedPrintable(body(out))).isEqualTo(TEXT_8BIT.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eightBitNonTextBecomesBase64AndDecodesBackExactly() throws IOException {
    String payload = "\u00ff\u00fe binary-ish ÿ data\r\nline two\r\n";
    String out = converted("MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n\r\n" + payload);
    assertThat(out).contains("Content-Transfer-Encoding: base64\r\n");
    assertThat(Base64.getMimeDecoder().decode(body(out).strip()))
        .isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
  }

  static final String MULTIPART = "Received: from c.test by mx.src.test; Fri, 14 Mar 2025 09:00:00 +0000\r\n"
      + "MIME-Version: 1.0\r\n"
      + "Content-Type: multipart/mixed;\r\n boundary=\"outer\"\r\n"
      + "Content-Transfer-Encoding: 8bit\r\n"
      + "\r\n"
      + "This is the preamble.\r\n"
      + "--outer\r\n"
      + "Content-Type: multipart/alternative; boundary=inner\r\n"
      + "\r\n"
      + "--inner\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\n"
      + "\r\n"
      + TEXT_8BIT
      + "--inner\r\n"
      + "Content-Type: text/html; charset=us-ascii\r\n"
      + "\r\n"
      + "<p>plain ascii</p>\r\n"
      + "--inner--\r\n"
      + "--outer\r\n"
      + "Content-Type: image/png\r\n"
      + "Content-Transfer-Encoding: binary\r\n"
      + "\r\n"
      + "\u0089PNG fake\u00e9\r\n"
      + "--outer\r\n"
      + "Content-Type: message/rfc822\r\n"
      + "\r\n"
      + "MIME-Version: 1.0\r\nSubject: forwarded\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
      + "Inner Grüße\r\n"
      + "--outer--\r\n"
      + "Epilogue.\r\n";

  @Test
  void nestedMultipartsAreWalkedByBoundaryAndEachEightBitLeafEncoded() throws IOException {
    Conversion c = convert(MULTIPART);
    assertThat(((Conversion.Converted) c).partsEncoded()).isEqualTo(3);
    String out = converted(MULTIPART);
    // Structure and 7-bit parts kept byte for byte; the multipart's 8bit label is now 7bit.
    assertThat(out).startsWith("Received: from c.test").contains("This is the preamble.\r\n--outer\r\n")
        .contains("--inner\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>plain ascii</p>\r\n--inner--\r\n")
        .endsWith("--outer--\r\nEpilogue.\r\n")
        .contains("Content-Type: multipart/mixed;\r\n boundary=\"outer\"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n");
    // The text leaf: QP, decoding back to the original.
    int text = out.indexOf("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
    assertThat(text).isPositive();
    String qp = out.substring(out.indexOf("\r\n\r\n", text) + 4, out.indexOf("\r\n--inner\r\n", text));
    assertThat(decodeQuotedPrintable(qp + "\r\n")).isEqualTo(TEXT_8BIT.getBytes(StandardCharsets.UTF_8));
    // The binary image: base64, decoding back to the original octets.
    int image = out.indexOf("Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    assertThat(image).isPositive();
    String b64 = out.substring(out.indexOf("\r\n\r\n", image) + 4, out.indexOf("\r\n--outer\r\n", image));
    assertThat(Base64.getMimeDecoder().decode(b64)).isEqualTo("\u0089PNG fake\u00e9".getBytes(StandardCharsets.UTF_8));
    // message/rfc822 is recursed into, never encoded as a whole (RFC 2046 §5.2.1).
    assertThat(out).contains("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 7bit\r\n\r\nMIME-Version: 1.0\r\n")
        .contains("Inner Gr=C3=BC=C3=9Fe\r\n");
  }

  @Test
  void sevenBitContentDeclaredEightBitIsPassedOnUnchanged() throws IOException {
    String content = "MIME-Version: 1.0\r\nDKIM-Signature: v=1; a=rsa-sha256; d=src.test\r\n\r\nplain\r\n";
    Conversion c = convert(content);
    assertThat(((Conversion.Converted) c).partsEncoded()).isZero();
    assertThat(converted(content)).isEqualTo(content);
  }

  static Stream<Arguments> refusals() {
    String mime = "MIME-Version: 1.0\r\n";
    return Stream.of(
        Arguments.of("DKIM-signed", mime + "DKIM-Signature: v=1; d=src.test\r\n\r\n" + TEXT_8BIT, "DKIM"),
        Arguments.of("ARC-signed", mime + "ARC-Message-Signature: i=1; d=src.test\r\n\r\n" + TEXT_8BIT, "DKIM/ARC"),
        Arguments.of("multipart/signed", mime + "Content-Type: multipart/signed; boundary=s\r\n\r\n--s\r\n\r\n"
            + TEXT_8BIT + "--s\r\nContent-Type: application/pgp-signature\r\n\r\nsig\r\n--s--\r\n", "multipart/signed"),
        Arguments.of("raw 8-bit header", mime + "Subject: Grüße\r\n\r\nplain\r\n", "subject header field"),
        Arguments.of("raw 8-bit header, not MIME", "Subject: Grüße\r\n\r\nplain\r\n", "subject header field"),
        Arguments.of("not MIME", "Subject: hi\r\n\r\n" + TEXT_8BIT, "not MIME"),
        Arguments.of("8-bit labelled base64", mime + "Content-Transfer-Encoding: base64\r\n\r\n" + TEXT_8BIT,
            "labelled base64"),
        Arguments.of("8-bit preamble", mime + "Content-Type: multipart/mixed; boundary=b\r\n\r\nPräambel\r\n"
            + "--b\r\n\r\nx\r\n--b--\r\n", "preamble"),
        Arguments.of("8-bit epilogue", mime + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\n\r\nx\r\n--b--\r\nÉpilogue\r\n", "epilogue"),
        Arguments.of("multipart without boundary", mime + "Content-Type: multipart/mixed\r\n\r\n" + TEXT_8BIT,
            "without a boundary"),
        Arguments.of("message/partial", mime + "Content-Type: message/partial; id=x; number=1\r\n\r\n" + TEXT_8BIT,
            "message/partial"),
        Arguments.of("signed inner message", mime + "Content-Type: message/rfc822\r\n\r\n" + mime
            + "DKIM-Signature: v=1\r\n\r\n" + TEXT_8BIT, "DKIM"),
        Arguments.of("too deep", mime + "Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
            + java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> "--b" + i + "\r\nContent-Type: multipart/mixed; boundary=b" + (i + 1) + "\r\n\r\n")
                .collect(java.util.stream.Collectors.joining()) + "--b40\r\n\r\n" + TEXT_8BIT, "deeper"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWith563RatherThanBreakOrGuess(String name, String content, String reason) throws IOException {
    Conversion c = convert(content);
    assertThat(c).isInstanceOf(Conversion.Refused.class);
    assertThat(((Conversion.Refused) c).status()).hasToString("5.6.3");
    assertThat(((Conversion.Refused) c).reason()).contains(reason);
  }

  @Test
  void refusesAMessageOverTheSizeCap() throws IOException {
    String content = "MIME-Version: 1.0\r\n\r\n" + TEXT_8BIT;
    Conversion c = SevenBitConversion.convert(message(content), "mx.dest.test", 10);
    assertThat(c).isInstanceOf(Conversion.Refused.class);
    assertThat(((Conversion.Refused) c).reason()).contains("larger than the 10 octets");
  }

  @Test
  void anEightBitOctetAtEveryPositionOfATextBodyRoundTrips() throws IOException {
    String line = "A line -- with = signs, tabs\tand a trailing space ";
    for (int at = 0; at <= line.length(); at++) {
      String text = line.substring(0, at) + "é" + line.substring(at) + "\r\n";
      String out = converted("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text);
      assertThat(decodeQuotedPrintable(body(out))).as("é at %d", at).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
