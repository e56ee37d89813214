package org.sealpost.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.sealpost.smtp.CommandRead;
import org.sealpost.smtp.DataResult;
import org.sealpost.smtp.SmtpInput;

/**
 * One connection to the relay sink: accepts every command in order, offers STARTTLS (RFC 3207)
 * and PIPELINING (RFC 2920), reads each DATA body with {@link SmtpInput} into nothing and counts
 * it. Replies are flushed only when no more pipelined input is waiting, as a real server does, so
 * the sink costs the relaying MTA no extra round trips. It checks nothing: it stands in for the
 * next hop, and the bench measures the MTA in front of it.
 */
final class SinkSession {

  private static final int MAX_LINE = SmtpInput.BASE_COMMAND_LINE_LENGTH + 1024;
  private static final OutputStream DISCARD = OutputStream.nullOutputStream();

  private final SinkCounter counter;
  private final @Nullable SSLContext tls;

  SinkSession(SinkCounter counter, @Nullable SSLContext tls) {
    this.counter = counter;
    this.tls = tls;
  }

  void serve(Socket plain) throws IOException {
    counter.connected();
    Socket socket = plain;
    SmtpInput in = new SmtpInput(socket.getInputStream(), 16 * 1024);
    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
    boolean secure = false;
    reply(out, "220 sink.bench.test ESMTP relay sink");
    out.flush();
    while (true) {
      CommandRead read = in.readCommandLine(MAX_LINE);
      if (!(read instanceof CommandRead.Line(String line))) {
        if (read instanceof CommandRead.EndOfStream) {
          return;
        }
        reply(out, "500 5.5.2 Bad line");
        flushUnlessPipelined(in, out);
        continue;
      }
      String verb = verb(line);
      switch (verb) {
        case "EHLO" -> {
          out.write(("250-sink.bench.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n"
              + "250-ENHANCEDSTATUSCODES\r\n250-SIZE 104857600\r\n"
              + (tls != null && !secure ? "250-STARTTLS\r\n" : "")
              + "250 REQUIRETLS\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        case "HELO" -> reply(out, "250 sink.bench.test");
        case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
        case "DATA" -> {
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          out.flush();
          DataResult result = in.readData(DISCARD, Long.MAX_VALUE);
          if (result instanceof DataResult.EndOfStream) {
            return;
          }
          counter.accepted();
          reply(out, "250 2.0.0 Accepted");
        }
        case "STARTTLS" -> {
          if (tls == null || secure) {
            reply(out, "454 4.7.0 TLS not available");
          } else {
            reply(out, "220 2.0.0 Ready to start TLS");
            out.flush();
            SSLSocket s = (SSLSocket) tls.getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            s.setUseClientMode(false);
            s.startHandshake();
            socket = s;
            secure = true;
            in = new SmtpInput(s.getInputStream(), 16 * 1024); // drop plaintext leftovers (TLS-7)
            out = new BufferedOutputStream(s.getOutputStream(), 8 * 1024);
            continue;
          }
        }
        case "QUIT" -> {
          reply(out, "221 2.0.0 Bye");
          out.flush();
          return;
        }
        default -> reply(out, "502 5.5.1 Not implemented");
      }
      flushUnlessPipelined(in, out);
    }
  }

  static String verb(String line) {
    int sp = line.indexOf(' ');
    return (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static void flushUnlessPipelined(SmtpInput in, OutputStream out) throws IOException {
    if (!in.hasBufferedInput()) {
      out.flush();
    }
  }
}
