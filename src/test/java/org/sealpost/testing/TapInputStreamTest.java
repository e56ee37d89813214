package org.sealpost.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.sealpost.smtp.CommandRead;
import org.sealpost.smtp.SmtpInput;

/** The tap lets SmtpInput read ahead no further than it consumes, so captures are exact. */
class TapInputStreamTest {

  @Test
  void capturesExactlyTheBytesOfEachCommandAndBodyWhenAllArriveAtOnce() throws Exception {
    String wire = "DATA\r\nline\r\n..dot\r\n.\r\nQUIT\r\n";
    TapInputStream tap = new TapInputStream(
        new BufferedInputStream(new ByteArrayInputStream(wire.getBytes(US_ASCII))));
    SmtpInput input = new SmtpInput(tap, 64);

    tap.startCapture();
    assertThat(input.readCommandLine(512)).isEqualTo(new CommandRead.Line("DATA"));
    assertThat(new String(tap.stopCapture(), US_ASCII)).isEqualTo("DATA\r\n");
    assertThat(input.hasBufferedInput()).isTrue(); // the pipelined rest is visible, not consumed

    tap.startCapture();
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    input.readData(content, 1000);
    assertThat(new String(tap.stopCapture(), US_ASCII)).isEqualTo("line\r\n..dot\r\n.\r\n");
    assertThat(content.toString(US_ASCII)).isEqualTo("line\r\n.dot\r\n");

    assertThat(input.readCommandLine(512)).isEqualTo(new CommandRead.Line("QUIT"));
    assertThat(input.hasBufferedInput()).isFalse();
  }
}
