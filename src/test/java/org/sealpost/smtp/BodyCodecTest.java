package org.sealpost.smtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The outbound encoder (SEC-6) round-tripped through the DATA decoder, and BDAT chunks. */
class BodyCodecTest {

  private static String encode(String body, int writeSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DotStuffingOutputStream enc = new DotStuffingOutputStream(out);
    byte[] b = body.getBytes(ISO_8859_1);
    for (int i = 0; i < b.length; i += writeSize) {
      enc.write(b, i, Math.min(writeSize, b.length - i));
    }
    enc.finish();
    return out.toString(ISO_8859_1);
  }

  /** SEC-6: the reference normalisation: every bare CR or LF becomes CRLF; a last CRLF is added. */
  private static String normalise(String body) {
    String s = body.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    return s.isEmpty() || s.endsWith("\r\n") ? s : s + "\r\n";
  }

  @Test
  void stuffsDotsAndNormalisesLineEndings() throws IOException {
    List<String[]> table = List.of(
        new String[] {"", ".\r\n"},
        new String[] {"a", "a\r\n.\r\n"},
        new String[] {"a\r\n", "a\r\n.\r\n"},
        new String[] {".", "..\r\n.\r\n"},
        new String[] {".\r\n.x\r\n", "..\r\n..x\r\n.\r\n"},
        new String[] {"a\n.\nb", "a\r\n..\r\nb\r\n.\r\n"}, // smuggling input defused
        new String[] {"a\r.\rb", "a\r\n..\r\nb\r\n.\r\n"},
        new String[] {"a\r", "a\r\n.\r\n"},
        new String[] {"a\r\r\n", "a\r\n\r\n.\r\n"},
        new String[] {"x.y\r\n", "x.y\r\n.\r\n"});
    for (String[] r : table) {
      for (int size = 1; size <= Math.max(1, r[0].length()); size++) {
        assertThat(encode(r[0], size)).as("%s by %d", r[0], size).isEqualTo(r[1]);
      }
    }
  }

  @Test
  void encoderOutputDecodesToTheNormalisedBody() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    char[] alphabet = {'a', '.', '.', '\r', '\n', 'z'};
    for (int n = 0; n < 2000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(30);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String body = sb.toString();
      String wire = encode(body, 1 + random.nextInt(7));
      SmtpInput in = new SmtpInput(new ByteArrayInputStream((wire + "NEXT\r\n").getBytes(ISO_8859_1)), 256);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      String expected = normalise(body);
      assertThat(in.readData(sink, 1000)).as(body).isEqualTo(new DataResult.Complete(expected.length()));
      assertThat(sink.toString(ISO_8859_1)).as(body).isEqualTo(expected);
      assertThat(in.readCommandLine(512)).isEqualTo(new CommandRead.Line("NEXT"));
    }
  }

  @Test
  void chunkedBodyJoinsACrLfSplitAcrossChunks() throws IOException { // RFC 3030, SMTP-1
    byte[] wire = "hello\r\nworld\r\nNOOP\r\n".getBytes(ISO_8859_1);
    for (int split = 0; split <= wire.length; split++) {
      SmtpInput in = new SmtpInput(new SplitInputStream(wire, split, 2));
      ChunkedBody body = new ChunkedBody(100);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      assertThat(in.readChunk(6, false, body, sink)).isEqualTo(new DataResult.Complete(6)); // "hello\r"
      assertThat(in.readChunk(8, true, body, sink)).isEqualTo(new DataResult.Complete(14));
      assertThat(sink.toString(ISO_8859_1)).isEqualTo("hello\r\nworld\r\n");
      assertThat(in.readCommandLine(512)).isEqualTo(new CommandRead.Line("NOOP"));
    }
  }

  @Test
  void chunkedBodyReportsBareLineEndings() throws IOException {
    List<String[]> table = List.of(
        new String[] {"a\nb\r\n", "bare"},
        new String[] {"a\rb\r\n", "bare"},
        new String[] {"a\r", "bare"}, // a CR at the very end of the last chunk
        new String[] {"\na\r\n", "bare"},
        new String[] {"a\r\nb\r\n", "ok"},
        new String[] {"", "ok"});
    for (String[] r : table) {
      byte[] b = r[0].getBytes(ISO_8859_1);
      SmtpInput in = new SmtpInput(new ByteArrayInputStream(b));
      DataResult result = in.readChunk(b.length, true, new ChunkedBody(100), new ByteArrayOutputStream());
      assertThat(result).as(r[0]).isInstanceOf(
          r[1].equals("bare") ? DataResult.BareLineEnding.class : DataResult.Complete.class);
    }
  }

  @Test
  void chunkedBodyOverTheLimitIsConsumedButNotWritten() throws IOException {
    byte[] wire = ("0123456789".repeat(3) + "QUIT\r\n").getBytes(ISO_8859_1);
    SmtpInput in = new SmtpInput(new ByteArrayInputStream(wire));
    ChunkedBody body = new ChunkedBody(15);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    assertThat(in.readChunk(10, false, body, sink)).isEqualTo(new DataResult.Complete(10));
    assertThat(in.readChunk(10, false, body, sink)).isEqualTo(new DataResult.TooBig(20, 15));
    assertThat(in.readChunk(10, true, body, sink)).isEqualTo(new DataResult.TooBig(30, 15));
    assertThat(sink.size()).isEqualTo(10);
    assertThat(in.readCommandLine(512)).isEqualTo(new CommandRead.Line("QUIT"));
  }

  @Test
  void chunkCutShortByTheClientIsEndOfStream() throws IOException {
    SmtpInput in = new SmtpInput(new ByteArrayInputStream("abc".getBytes(ISO_8859_1)));
    assertThat(in.readChunk(10, true, new ChunkedBody(100), new ByteArrayOutputStream()))
        .isEqualTo(new DataResult.EndOfStream());
  }
}
