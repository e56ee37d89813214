package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sealpost.config.ListenerKind;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.SmtpClient;

/**
 * SMTP smuggling (SEC-5; CVE-2023-51764/51765/51766) over a real socket: a body with a fake end of
 * data followed by a spoofed second transaction. Only CRLF.CRLF ends DATA (SMTP-2), so the server
 * sees one message, refuses it once with 550 5.6.0 after the real end (project choice), and keeps
 * nothing: in particular no second, spoofed message.
 */
class SmugglingIT {

  private static final String LOCAL = SealpostInstance.LOCAL_DOMAIN;

  @TempDir Path dir;
  SealpostInstance mta;

  @BeforeEach
  void start() throws Exception {
    mta = SealpostInstance.builder(dir).address("127.0.0.45").start();
  }

  @AfterEach
  void stop() {
    mta.close();
  }

  static Stream<Arguments> variants() {
    return Stream.of("\n.\n", "\n.\r\n", "\r.\r\n", "\r\n.\n", "\r.\r")
        .flatMap(fake -> Stream.of(Arguments.of(fake, false), Arguments.of(fake, true)));
  }

  @ParameterizedTest(name = "{index}: fake end {0} tls={1}")
  @MethodSource("variants")
  void fakeEndOfDataNeverStartsASecondTransaction_SEC5_SMTP2(String fake, boolean tls) throws Exception {
    String smuggled =
        "From: <alice@remote.test>\r\n"
            + "To: <bob@" + LOCAL + ">\r\n"
            + "Subject: harmless\r\n"
            + "\r\n"
            + "first message"
            + fake
            + "MAIL FROM:<ceo@" + LOCAL + ">\r\n"
            + "RCPT TO:<bob@" + LOCAL + ">\r\n"
            + "DATA\r\n"
            + "From: <ceo@" + LOCAL + ">\r\n"
            + "Subject: spoofed\r\n"
            + "\r\n"
            + "smuggled\r\n"
            + ".\r\n"; // with the CRLF before it: the one real end of data
    try (SmtpClient c = tls ? mta.connectStartTls(ListenerKind.SMTP) : mta.connect(ListenerKind.SMTP)) {
      if (!tls) {
        c.ehlo(SealpostInstance.CLIENT_NAME);
      }
      assertThat(c.mail("alice@remote.test", List.of()).code()).isEqualTo(250);
      assertThat(c.rcpt("bob@" + LOCAL, List.of()).code()).isEqualTo(250);
      c.send("DATA");
      assertThat(c.readReply().code()).isEqualTo(354);
      c.sendRaw(smuggled.getBytes(StandardCharsets.US_ASCII));

      Reply verdict = c.readReply();
      assertThat(verdict.code()).as(verdict.toString()).isEqualTo(550);
      assertThat(verdict.status()).hasToString("5.6.0");
      // Exactly one reply for the whole DATA: the next one answers our QUIT, not a smuggled command.
      assertThat(c.hasUnreadInput()).isFalse();
      Reply quit = c.quit();
      assertThat(quit.code()).as(quit.toString()).isEqualTo(221);
    }
    assertThat(mta.queued()).as("nothing kept, no spoofed message").isEmpty();
  }
}
