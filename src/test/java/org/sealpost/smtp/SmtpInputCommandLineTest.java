package org.sealpost.smtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command line reading: CRLF only (SMTP-1), control characters refused (SEC-8), length limits. */
class SmtpInputCommandLineTest {

  private static CommandRead invalid(CommandRead.Problem p) {
    return new CommandRead.Invalid(p);
  }

  private static CommandRead line(String s) {
    return new CommandRead.Line(s);
  }

  /** Wire bytes (ISO-8859-1 so each char is one octet) and the reads they must give, in order. */
  record Row(String wire, List<CommandRead> expected) {}

  private static final List<Row> TABLE = List.of(
      new Row("EHLO client.example\r\n", List.of(line("EHLO client.example"))),
      new Row("\r\n", List.of(line(""))),
      new Row("NOOP\r\nRSET\r\n", List.of(line("NOOP"), line("RSET"))),
      // SMTP-1: a bare LF or CR does not end the line; the whole line through CRLF is refused.
      new Row("NOOP\nRSET\r\nQUIT\r\n", List.of(invalid(CommandRead.Problem.BARE_LF), line("QUIT"))),
      new Row("NOOP\rRSET\r\nQUIT\r\n", List.of(invalid(CommandRead.Problem.BARE_CR), line("QUIT"))),
      new Row("NOOP\r\r\nQUIT\r\n", List.of(invalid(CommandRead.Problem.BARE_CR), line("QUIT"))),
      new Row("\nNOOP\r\n", List.of(invalid(CommandRead.Problem.BARE_LF))),
      new Row("NO\0OP\r\n", List.of(invalid(CommandRead.Problem.CONTROL_CHARACTER))),
      new Row("MAIL\tFROM:<a@b>\r\n", List.of(invalid(CommandRead.Problem.CONTROL_CHARACTER))),
      new Row("NOOP\u007f\r\n", List.of(invalid(CommandRead.Problem.CONTROL_CHARACTER))),
      // RFC 6531: UTF-8 is decoded; malformed UTF-8 and C1 controls are refused.
      new Row("RCPT TO:<j\u00c3\u00b6ran@example.org>\r\n", List.of(line("RCPT TO:<j\u00f6ran@example.org>"))),
      new Row("RCPT TO:<\u00ff\u00fe@x>\r\nNOOP\r\n", List.of(invalid(CommandRead.Problem.INVALID_UTF8), line("NOOP"))),
      new Row("NOOP \u00c2\u0085\r\n", List.of(invalid(CommandRead.Problem.CONTROL_CHARACTER))),
      new Row("NOOP", List.of(new CommandRead.EndOfStream())),
      new Row("", List.of(new CommandRead.EndOfStream())));

  @Test
  void readsEveryTableRowWithInputSplitAtEveryByte() throws IOException {
    for (Row row : TABLE) {
      byte[] wire = row.wire().getBytes(ISO_8859_1);
      for (int split = 0; split <= wire.length; split++) {
        SmtpInput in = new SmtpInput(new SplitInputStream(wire, split, 1 + split % 3));
        List<CommandRead> got = new ArrayList<>();
        for (int i = 0; i < row.expected().size(); i++) {
          got.add(in.readCommandLine(512));
        }
        assertThat(got).as("%s split %d", row.wire(), split).isEqualTo(row.expected());
        assertThat(in.readCommandLine(512)).isEqualTo(new CommandRead.EndOfStream());
      }
    }
  }

  @Test
  void acceptsALineOfExactlyTheLimitIncludingCrlf() throws IOException {
    String text = "x".repeat(510);
    SmtpInput in = new SmtpInput(new ByteArrayInputStream((text + "\r\n").getBytes(ISO_8859_1)));
    assertThat(in.readCommandLine(512)).isEqualTo(line(text));
  }

  @Test
  void tooLongLineIsConsumedThroughItsCrlfSoTheNextLineReadsCleanly() throws IOException { // SMTP-3
    byte[] wire = ("x".repeat(511) + "\r\n" + "y".repeat(5000) + "\r\nNOOP\r\n").getBytes(ISO_8859_1);
    for (int split : new int[] {0, 100, 511, 512, 513, 600}) {
      SmtpInput in = new SmtpInput(new SplitInputStream(wire, split, 97), 64);
      assertThat(in.readCommandLine(512)).isEqualTo(new CommandRead.TooLong(513));
      assertThat(in.readCommandLine(512)).isEqualTo(new CommandRead.TooLong(5002));
      assertThat(in.readCommandLine(512)).isEqualTo(line("NOOP"));
    }
  }

  @Test
  void tooLongSuggestsA500Reply() {
    assertThat(new CommandRead.TooLong(600).reply().toString()).isEqualTo("500 5.5.2 Line too long");
    assertThat(invalid(CommandRead.Problem.BARE_LF) instanceof CommandRead.Invalid i
        && i.reply().code() == 501 && i.reply().status().toString().equals("5.5.2")).isTrue();
  }

  @Test
  void reportsBytesPipelinedAfterStartTls() throws IOException { // TLS-7, SEC-1
    SmtpInput in = new SmtpInput(new ByteArrayInputStream("STARTTLS\r\nRSET\r\n".getBytes(ISO_8859_1)));
    assertThat(in.readCommandLine(512)).isEqualTo(line("STARTTLS"));
    assertThat(in.hasBufferedInput()).isTrue();

    SmtpInput clean = new SmtpInput(new SplitInputStream("STARTTLS\r\n".getBytes(ISO_8859_1), 100, 100));
    assertThat(clean.readCommandLine(512)).isEqualTo(line("STARTTLS"));
    assertThat(clean.hasBufferedInput()).isFalse();
  }

  @Test
  void dataFollowsCommandsThroughTheSameBuffer() throws IOException {
    byte[] wire = "DATA\r\nhello\r\n.\r\nQUIT\r\n".getBytes(ISO_8859_1);
    SmtpInput in = new SmtpInput(new ByteArrayInputStream(wire));
    assertThat(in.readCommandLine(512)).isEqualTo(line("DATA"));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThat(in.readData(sink, 100)).isEqualTo(new DataResult.Complete(7));
    assertThat(in.readCommandLine(512)).isEqualTo(line("QUIT"));
  }
}
