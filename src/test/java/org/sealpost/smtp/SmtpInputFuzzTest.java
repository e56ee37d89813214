package org.sealpost.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Fuzz targets for what a hostile client controls first: command lines, command arguments and DATA
 * content. Under {@code make test} they run as regression tests over their seed inputs; run
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=SmtpInputFuzzTest} to fuzz for real.
 */
class SmtpInputFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void commandLinesAndArgumentsNeverThrow(FuzzedDataProvider data) throws IOException {
    SmtpInput in = new SmtpInput(new ByteArrayInputStream(data.consumeRemainingAsBytes()), 64);
    for (int i = 0; i < 64; i++) {
      CommandRead read = in.readCommandLine(SmtpInput.BASE_COMMAND_LINE_LENGTH);
      if (read instanceof CommandRead.EndOfStream) {
        return;
      }
      if (read instanceof CommandRead.Line line) {
        Command c = Command.parse(line.text());
        CommandParser.mailFrom(c.argument());
        CommandParser.rcptTo(c.argument(), true);
        CommandParser.rcptTo(c.argument(), false);
        CommandParser.helo(c.argument());
        CommandParser.bdat(c.argument());
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void dataNeverEndsBeforeCrLfDotCrLfAndNeverGrowsContent(FuzzedDataProvider data) throws IOException {
    byte[] body = data.consumeRemainingAsBytes();
    SmtpInput in = new SmtpInput(new ByteArrayInputStream(body), 32);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    DataResult result = in.readData(sink, 1 << 20);
    if (result instanceof DataResult.Complete) {
      // SMTP-2: a completed body was ended by the real terminator, and unstuffing only removes.
      String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(text.startsWith(".\r\n") || text.contains("\r\n.\r\n")).isTrue();
      assertThat(sink.size()).isLessThanOrEqualTo(body.length);
    }
  }
}
