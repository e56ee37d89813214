package org.sealpost.smtp.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.sealpost.smtp.ChunkedBody;
import org.sealpost.smtp.CommandRead;
import org.sealpost.smtp.DataResult;
import org.sealpost.smtp.SmtpInput;

/**
 * A one-connection SMTP peer on 127.0.0.1, port 0, that plays a script written as a lambda: the
 * script writes raw reply bytes and reads the client's lines, so tests control every byte.
 */
final class ScriptedServer implements AutoCloseable {

  /** The server half of one conversation. */
  interface Script {
    void play(Peer peer) throws Exception;
  }

  /** What a script can do with its connection. */
  static final class Peer {
    private Socket socket;
    private SmtpInput input;
    private OutputStream out;
    String sniName = "";

    Peer(Socket socket) throws IOException {
      this.socket = socket;
      this.input = new SmtpInput(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    /** Writes bytes exactly as given, in one write. */
    void write(String wire) throws IOException {
      out.write(wire.getBytes(UTF_8));
      out.flush();
    }

    /** Reads one command line (CRLF-terminated) and returns it. */
    String readLine() throws IOException {
      CommandRead r = input.readCommandLine(4096);
      if (r instanceof CommandRead.Line(String text)) {
        return text;
      }
      throw new IOException("expected a line, got " + r);
    }

    /** Reads a DATA body through CRLF.CRLF. */
    String readData() throws IOException {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      DataResult r = input.readData(sink, 1 << 20);
      if (!(r instanceof DataResult.Complete)) {
        throw new IOException("bad body: " + r);
      }
      return sink.toString(UTF_8);
    }

    String readChunk(int size, boolean last) throws IOException {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      input.readChunk(size, last, new ChunkedBody(1 << 20), sink);
      return sink.toString(UTF_8);
    }

    /** Server side of STARTTLS, after the script wrote its 220. */
    void startTls(SSLContext context) throws IOException {
      SSLSocket ssl = (SSLSocket) context.getSocketFactory()
          .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
      ssl.setUseClientMode(false);
      ssl.startHandshake();
      for (SNIServerName n : ((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames()) {
        if (n instanceof SNIHostName h) {
          sniName = h.getAsciiName();
        }
      }
      socket = ssl;
      input = new SmtpInput(ssl.getInputStream());
      out = ssl.getOutputStream();
    }
  }

  private final ServerSocket server;
  private final CompletableFuture<Peer> done = new CompletableFuture<>();

  ScriptedServer(Script script) throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    Thread.ofVirtual().start(() -> {
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        Peer peer = new Peer(s);
        script.play(peer);
        done.complete(peer);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
  }

  InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  /** Waits for the script to finish and rethrows its failure, so assertions inside it count. */
  Peer await() throws Exception {
    return done.get(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
