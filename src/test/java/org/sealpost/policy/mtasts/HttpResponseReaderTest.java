package org.sealpost.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sealpost.policy.mtasts.HttpResponseReader.Malformed;
import org.sealpost.policy.mtasts.HttpResponseReader.Ok;
import org.sealpost.policy.mtasts.HttpResponseReader.OtherStatus;
import org.sealpost.policy.mtasts.HttpResponseReader.Response;
import org.sealpost.policy.mtasts.HttpResponseReader.TooLarge;

class HttpResponseReaderTest {

  private static final String POLICY = "version: STSv1\r\nmode: none\r\nmax_age: 60\r\n";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Response read(String wire, int limit) throws IOException {
    return HttpResponseReader.read(new ByteArrayInputStream(bytes(wire)), limit);
  }

  private static String body(Response r) {
    return new String(((Ok) r).body(), StandardCharsets.ISO_8859_1);
  }

  private static final String LENGTH = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
      + POLICY.length() + "\r\n\r\n" + POLICY;
  private static final String CHUNKED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
      + "Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nversi\r\n" + Integer.toHexString(POLICY.length() - 5)
      + "\r\n" + POLICY.substring(5) + "\r\n0\r\nTrailer: x\r\n\r\n";
  private static final String TO_EOF = "HTTP/1.0 200 OK\nContent-Type: text/plain\n\n" + POLICY;

  @Test
  void contentLengthChunkedAndEndOfStreamBodiesAreRead() throws IOException {
    for (String wire : new String[] {LENGTH, CHUNKED, TO_EOF}) {
      Response r = read(wire, 65536);
      assertThat(r).as(wire).isInstanceOf(Ok.class);
      assertThat(((Ok) r).contentType()).isEqualTo("text/plain");
      assertThat(body(r)).isEqualTo(POLICY);
    }
  }

  @Test
  void sameResultWhenTheInputArrivesSplitAtEveryByte() throws IOException {
    for (String wire : new String[] {LENGTH, CHUNKED, TO_EOF}) {
      byte[] all = bytes(wire);
      for (int cut = 0; cut <= all.length; cut++) {
        InputStream in = new SequenceInputStream(
            new Trickle(Arrays.copyOfRange(all, 0, cut)), new Trickle(Arrays.copyOfRange(all, cut, all.length)));
        assertThat(body(HttpResponseReader.read(in, 65536))).as("cut at %d", cut).isEqualTo(POLICY);
      }
    }
  }

  @Test
  void otherStatusComesBackWithoutItsBody_STS4() throws IOException {
    assertThat(read("HTTP/1.1 301 Moved\r\nLocation: https://elsewhere.test/\r\nContent-Length: 3\r\n\r\nabc", 10))
        .isEqualTo(new OtherStatus(301, "https://elsewhere.test/"));
    assertThat(read("HTTP/1.1 404 \r\n\r\n", 10)).isEqualTo(new OtherStatus(404, null));
  }

  @Test
  void bodiesOverTheLimitAreRefusedWhateverTheFraming_STS4() throws IOException {
    int limit = POLICY.length() - 1;
    assertThat(read(LENGTH, limit)).isEqualTo(new TooLarge(limit));
    assertThat(read(CHUNKED, limit)).isEqualTo(new TooLarge(limit));
    assertThat(read(TO_EOF, limit)).isEqualTo(new TooLarge(limit));
    assertThat(read(LENGTH, POLICY.length())).isInstanceOf(Ok.class);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "HTTP/2 200\\r\\n\\r\\n                                          | bad status line \"HTTP/2 200\"",
      "SMTP/1.1 200 OK\\r\\n\\r\\n                                     | bad status line \"SMTP/1.1 200 OK\"",
      "HTTP/1.1 200 OK\\r\\nno colon\\r\\n\\r\\n                        | bad header field \"no colon\"",
      "HTTP/1.1 200 OK\\r\\nContent-Length: -1\\r\\n\\r\\n             | bad Content-Length \"-1\"",
      "HTTP/1.1 200 OK\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\nab | two different Content-Length values",
      "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n         | unsupported Transfer-Encoding \"gzip\"",
      "HTTP/1.1 200 OK\\r\\nContent-Length: 10\\r\\n\\r\\nabc           | body ends after 3 of 10 bytes",
      "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n | bad chunk size \"zz\"",
      "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nabc\\r\\n | chunk data not followed by CRLF",
  })
  void malformedResponsesSayWhy(String wire, String reason) throws IOException {
    assertThat(read(wire.strip().replace("\\r", "\r").replace("\\n", "\n"), 100))
        .isEqualTo(new Malformed(reason));
  }

  @Test
  void connectionClosedInTheHeadIsAnIoFailure() {
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Ty", 100)).isInstanceOf(EOFException.class);
  }

  /** Hands out one byte per read, as a slow network would. */
  private static final class Trickle extends InputStream {
    private final byte[] data;
    private int pos;

    Trickle(byte[] data) {
      this.data = data;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int c = read();
      if (c < 0) {
        return -1;
      }
      b[off] = (byte) c;
      return 1;
    }
  }
}
