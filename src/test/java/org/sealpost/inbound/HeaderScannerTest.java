package org.sealpost.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sealpost.policy.requiretls.TlsRequiredField;

class HeaderScannerTest {

  private static final String MESSAGE =
      "Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
          + "Received: from c\r\n by d; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
          + "Subject: test\r\n"
          + "tls-required:\r\n No\r\n"
          + "\r\n"
          + "Received: not a header, this is the body\r\n"
          + "TLS-Required: Yes\r\n";

  private static HeaderScanner scanSplitAt(byte[] bytes, int split, ByteArrayOutputStream sink)
      throws Exception {
    HeaderScanner s = new HeaderScanner(sink, 1 << 20);
    s.write(bytes, 0, split);
    s.write(bytes, split, bytes.length - split);
    s.finish();
    return s;
  }

  @Test
  void readsOnlyTheHeaderSectionAtEverySplit() throws Exception {
    byte[] bytes = MESSAGE.getBytes(StandardCharsets.US_ASCII);
    for (int split = 0; split <= bytes.length; split++) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      HeaderScanner s = scanSplitAt(bytes, split, sink);
      assertThat(sink.toByteArray()).as("pass-through at %d", split).isEqualTo(bytes);
      assertThat(s.receivedCount()).as("split %d", split).isEqualTo(2);
      assertThat(s.tlsRequiredFields()).as("split %d", split).hasSize(1);
      assertThat(TlsRequiredField.evaluate(s.tlsRequiredFields()))
          .isEqualTo(TlsRequiredField.Verdict.TLS_OPTIONAL);
    }
  }

  @Test
  void flagsAnOversizedHeader() throws Exception {
    HeaderScanner s = new HeaderScanner(new ByteArrayOutputStream(), 64);
    s.write(("X-Long: " + "a".repeat(100) + "\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII));
    s.finish();
    assertThat(s.headerTooBig()).isTrue();
  }

  @Test
  void headerWithoutBodyEndsAtEndOfContent() throws Exception {
    HeaderScanner s = new HeaderScanner(new ByteArrayOutputStream(), 1024);
    s.write("TLS-Required: No\r\nTLS-Required: No".getBytes(StandardCharsets.US_ASCII));
    s.finish();
    assertThat(TlsRequiredField.evaluate(s.tlsRequiredFields()))
        .isEqualTo(TlsRequiredField.Verdict.DUPLICATE);
  }
}
