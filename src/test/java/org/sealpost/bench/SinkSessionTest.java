package org.sealpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkSessionTest {

  @TempDir Path dir;

  @Test
  void countsEveryMessageOfAPipelinedSessionAndReportsIt() throws Exception {
    SinkCounter counter = new SinkCounter();
    SinkSession session = new SinkSession(counter, null);
    String transcript;
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread serving = Thread.ofVirtual().start(() -> {
        try (Socket s = server.accept()) {
          session.serve(s);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        String message = "MAIL FROM:<a@bench.test>\r\nRCPT TO:<b@bench.test>\r\nDATA\r\n"
            + "Subject: x\r\n\r\n..dot-stuffed\r\n.\r\n";
        client.getOutputStream().write(("EHLO client\r\n" + message + message + "QUIT\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        transcript = readAll(client.getInputStream());
      }
      serving.join();
    }
    assertThat(transcript).startsWith("220 ").contains("250-PIPELINING").endsWith("221 2.0.0 Bye\r\n");
    assertThat(transcript.split("250 2.0.0 Accepted", -1)).hasSize(3);
    assertThat(counter.count()).isEqualTo(2);
    Path status = dir.resolve("sink.status");
    counter.writeStatus(status);
    assertThat(Files.readString(status)).matches("count=2 last_ms=\\d{13} sessions=1\n");
  }

  @Test
  void verbIsTheFirstWordInUpperCase() {
    assertThat(SinkSession.verb("mail FROM:<a@b>")).isEqualTo("MAIL");
    assertThat(SinkSession.verb("quit")).isEqualTo("QUIT");
  }

  private static String readAll(InputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.US_ASCII);
  }
}
