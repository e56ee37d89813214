package org.sealpost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.config.ListenerKind;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.SmtpClient;

/**
 * STARTTLS command injection (CVE-2011-0411 class, SEC-1, TLS-7) against the real listener: bytes
 * that arrive with or after the STARTTLS line, before the handshake, are never executed as
 * TLS-protected commands.
 */
class StartTlsInjectionIT {

  @TempDir Path dir;
  SealpostInstance mta;

  @BeforeEach
  void start() throws Exception {
    mta = SealpostInstance.builder(dir).address("127.0.0.44").start();
  }

  @AfterEach
  void stop() {
    mta.close();
  }

  @Test
  void commandsInTheSameWriteAsStartTlsAreRefusedAndTheConnectionClosed_TLS7_SEC1() throws Exception {
    try (SmtpClient c = mta.connect(ListenerKind.SMTP)) {
      c.ehlo(SealpostInstance.CLIENT_NAME);
      c.sendRaw("STARTTLS\r\nRSET\r\n".getBytes(StandardCharsets.US_ASCII)); // one write, one segment
      Reply refused = c.readReply();
      assertThat(refused.code()).as("no 220: TLS never starts").isEqualTo(554);
      assertThat(refused.status()).hasToString("5.5.0");
      // Neither a TLS session nor a 250 for the injected RSET: the server hung up.
      assertThatThrownBy(c::readReply).isInstanceOf(IOException.class);
    }
  }

  @Test
  void plaintextSentAfterThe220IsNeverTakenForACommand_TLS7() throws Exception {
    try (Socket s = new Socket(mta.address(ListenerKind.SMTP).getAddress(), mta.address(ListenerKind.SMTP).getPort())) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      assertThat(readLine(in)).startsWith("220 ");
      out.write(("EHLO " + SealpostInstance.CLIENT_NAME + "\r\n").getBytes(StandardCharsets.US_ASCII));
      String line;
      do {
        line = readLine(in);
      } while (line.startsWith("250-"));
      out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readLine(in)).startsWith("220 ");
      // Instead of a ClientHello, a plaintext command: the server's handshake reads it as a broken
      // TLS record and gives up; it never answers it as SMTP.
      out.write("RSET\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] rest = readToEnd(in);
      assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("250", "2.0.0");
      if (rest.length > 0) {
        assertThat(rest[0]).as("a TLS alert record, if anything").isEqualTo((byte) 0x15);
      }
    }
    // The listener is unharmed.
    try (SmtpClient c = mta.connectStartTls(ListenerKind.SMTP)) {
      assertThat(c.noop().code()).isEqualTo(250);
    }
  }

  @Test
  void startTlsFollowedByAClientHelloStartsTheSessionOver_TLS6() throws Exception {
    try (SmtpClient c = mta.connect(ListenerKind.SMTP)) {
      c.ehlo(SealpostInstance.CLIENT_NAME);
      assertThat(c.mail("sender@remote.test", List.of()).code()).isEqualTo(250);
      assertThat(c.startTls(mta.clientContext(), SealpostInstance.verifyingParameters(),
          SealpostInstance.HOSTNAME).code()).isEqualTo(220);
      assertThat(c.tlsSession()).isPresent();
      // TLS-6: the plaintext EHLO and MAIL are forgotten.
      assertThat(c.rcpt("bob@" + SealpostInstance.LOCAL_DOMAIN, List.of()).code()).isEqualTo(503);
      assertThat(c.ehlo(SealpostInstance.CLIENT_NAME).has("REQUIRETLS")).isTrue();
      assertThat(c.rset().code()).isEqualTo(250);
      assertThat(c.quit().code()).isEqualTo(221);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int ch; (ch = in.read()) != -1; ) {
      if (ch == '\n') {
        return b.toString(StandardCharsets.US_ASCII).stripTrailing();
      }
      b.write(ch);
    }
    throw new IOException("connection closed; got " + b.toString(StandardCharsets.US_ASCII));
  }

  /** Everything until the server closes (a reset counts as closed). */
  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        b.write(buf, 0, n);
      }
    } catch (SocketException reset) {
      // the server closed with unread data pending: also an end
    }
    return b.toByteArray();
  }
}
