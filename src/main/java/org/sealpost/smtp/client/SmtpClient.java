package org.sealpost.smtp.client;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.sealpost.smtp.DotStuffingOutputStream;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.ReplyReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP or LMTP client connection. Blocking; use it from one thread. Each command method sends
 * one command and returns the server's reply as a value, whatever its code.
 *
 * <pre>{@code
 * try (SmtpClient c = SmtpClient.connect(address, ClientOptions.defaults())) {
 *   Extensions ext = c.ehlo("client.example");
 *   if (ext.has("STARTTLS")) {
 *     c.startTls(context, parameters, "mx.example.org");
 *     ext = c.ehlo("client.example");               // TLS-6: the old list is void
 *   }
 *   c.mail("alice@example.org", List.of("REQUIRETLS"));
 *   c.rcpt("bob@example.net", List.of());
 *   Reply r = c.data(bodyStream);
 *   c.quit();
 * }
 * }</pre>
 */
public final class SmtpClient implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(SmtpClient.class);

  private final InetSocketAddress remote;
  private Socket socket;
  private ReplyReader reader;
  private OutputStream out;
  private final Reply greeting;
  private Extensions extensions;
  private @Nullable TlsSessionInfo tls;

  private SmtpClient(InetSocketAddress remote, Socket socket) throws IOException {
    this.remote = remote;
    this.socket = socket;
    this.reader = new ReplyReader(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    this.greeting = readReply();
    this.extensions = Extensions.none(greeting);
  }

  /** Connects and reads the greeting (whatever its code: a 554 greeting is a value too). */
  public static SmtpClient connect(InetSocketAddress address, ClientOptions options)
      throws IOException {
    Socket socket = open(address, options);
    try {
      return new SmtpClient(address, socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Connects with implicit TLS (RFC 8314 §3, submissions on port 465): the handshake comes first,
   * then the greeting. The first EHLO is already a post-TLS EHLO (TLS-11).
   *
   * @throws SmtpTlsException with {@link SmtpTlsException.Failure#HANDSHAKE} if TLS fails
   */
  public static SmtpClient connectTls(InetSocketAddress address, ClientOptions options,
      SSLContext context, SSLParameters parameters, String serverName) throws IOException {
    SSLSocket ssl = handshake(open(address, options), context, parameters, serverName, address.getPort());
    try {
      SmtpClient client = new SmtpClient(address, ssl);
      client.tls = TlsSessionInfo.of(ssl.getSession());
      return client;
    } catch (IOException | RuntimeException e) {
      ssl.close();
      throw e;
    }
  }

  public Reply greeting() {
    return greeting;
  }

  /** This end's address on the connection (the sending MTA's IP of an RFC 8460 report). */
  public InetAddress localAddress() {
    return socket.getLocalAddress();
  }

  /** The extensions of the last EHLO/LHLO; none before it, and none again after STARTTLS. */
  public Extensions extensions() {
    return extensions;
  }

  /** The negotiated TLS session, once STARTTLS succeeded. */
  public Optional<TlsSessionInfo> tlsSession() {
    return Optional.ofNullable(tls);
  }

  /**
   * Sends EHLO; if the server does not know it ({@code 500}/{@code 502}), falls back to HELO
   * (RFC 5321 §3.2). The result holds the reply and the extension list.
   */
  public Extensions ehlo(String clientName) throws IOException {
    Reply reply = command("EHLO " + clientName);
    if (reply.isPositive()) {
      extensions = Extensions.parse(reply);
    } else if (reply.code() == 500 || reply.code() == 502) {
      extensions = Extensions.none(command("HELO " + clientName));
    } else {
      extensions = Extensions.none(reply);
    }
    return extensions;
  }

  /** Sends LHLO, the LMTP greeting (RFC 2033 §4.1); there is no HELO fallback. */
  public Extensions lhlo(String clientName) throws IOException {
    Reply reply = command("LHLO " + clientName);
    extensions = reply.isPositive() ? Extensions.parse(reply) : Extensions.none(reply);
    return extensions;
  }

  /**
   * Sends STARTTLS and, on 220, does the TLS handshake (RFC 3207 §4). Any other reply is returned and
   * the connection stays as it was. After the handshake the extension list is forgotten (TLS-6):
   * call {@link #ehlo} again.
   *
   * @param parameters cipher suites, protocols, and the endpoint identification algorithm if the
   *     caller wants host-name checks by JSSE; the SNI name is set here
   * @param serverName the name sent as SNI (DANE-13, STS-12), unless it is an IP literal
   * @throws SmtpTlsException with {@link SmtpTlsException.Failure#BYTES_AFTER_READY} if any byte
   *     followed the 220 reply (SEC-2, TLS-7), or {@link SmtpTlsException.Failure#HANDSHAKE}; the
   *     connection is closed in both cases
   */
  public Reply startTls(SSLContext context, SSLParameters parameters, String serverName)
      throws IOException {
    if (tls != null) {
      throw new IllegalStateException("TLS is already active (TLS-8)");
    }
    Reply reply = command("STARTTLS");
    if (reply.code() != 220) {
      return reply;
    }
    if (reader.hasBufferedInput()) {
      close();
      throw new SmtpTlsException(SmtpTlsException.Failure.BYTES_AFTER_READY,
          "bytes followed the STARTTLS 220 reply before the handshake");
    }
    SSLSocket ssl = handshake(socket, context, parameters, serverName, remote.getPort());
    socket = ssl;
    reader = new ReplyReader(ssl.getInputStream());
    out = new BufferedOutputStream(ssl.getOutputStream(), 16 * 1024);
    tls = TlsSessionInfo.of(ssl.getSession());
    extensions = Extensions.none(reply); // TLS-6: forget what the server said before TLS
    log.debug("tls=on remote={} protocol={} cipher={}", remote, tls.protocol(), tls.cipherSuite());
    return reply;
  }

  private static Socket open(InetSocketAddress address, ClientOptions options) throws IOException {
    Socket socket = new Socket();
    try {
      if (options.localAddress() != null) {
        socket.bind(new InetSocketAddress(options.localAddress(), 0));
      }
      socket.connect(address, Math.toIntExact(options.connectTimeout().toMillis()));
      socket.setSoTimeout(Math.toIntExact(options.readTimeout().toMillis()));
      socket.setTcpNoDelay(true);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Wraps a connected socket in TLS as the client and completes the handshake, or closes it. */
  private static SSLSocket handshake(
      Socket plain, SSLContext context, SSLParameters parameters, String serverName, int port)
      throws SmtpTlsException {
    try {
      SSLSocket ssl = (SSLSocket) context.getSocketFactory()
          .createSocket(plain, serverName, port, true);
      ssl.setSSLParameters(parameters);
      if (!isIpLiteral(serverName)) {
        SSLParameters p = ssl.getSSLParameters(); // a copy: the caller's object stays untouched
        p.setServerNames(List.of(new SNIHostName(serverName)));
        ssl.setSSLParameters(p);
      }
      ssl.setUseClientMode(true);
      ssl.startHandshake();
      return ssl;
    } catch (IOException | IllegalArgumentException e) {
      try {
        plain.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new SmtpTlsException(SmtpTlsException.Failure.HANDSHAKE,
          "TLS handshake failed: " + e.getMessage(), e);
    }
  }

  /** RFC 6066 §3: SNI carries host names only, never address literals (bracketed or bare). */
  private static boolean isIpLiteral(String name) {
    return name.isEmpty() || name.startsWith("[") || name.indexOf(':') >= 0
        || name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  /**
   * {@code MAIL FROM:<reversePath> params}.
   *
   * @param reversePath the address without angle brackets; empty for the null path {@code <>}
   * @param parameters each {@code KEYWORD} or {@code KEYWORD=value}, e.g. {@code "REQUIRETLS"}
   */
  public Reply mail(String reversePath, List<String> parameters) throws IOException {
    return command("MAIL FROM:<" + reversePath + ">" + join(parameters));
  }

  /** {@code RCPT TO:<forwardPath> params}. */
  public Reply rcpt(String forwardPath, List<String> parameters) throws IOException {
    return command("RCPT TO:<" + forwardPath + ">" + join(parameters));
  }

  /**
   * Sends DATA and, after 354, the body: CRLF-normalised and dot-stuffed (SEC-6), then {@code
   * .CRLF}. Returns the reply to end of data, or the DATA reply if it was not 354.
   */
  public Reply data(InputStream body) throws IOException {
    Reply go = command("DATA");
    if (go.code() != 354) {
      return go;
    }
    writeBody(body);
    return readReply();
  }

  /** {@link #data(InputStream)} for a body in memory. */
  public Reply data(byte[] body) throws IOException {
    return data(new ByteArrayInputStream(body));
  }

  /**
   * LMTP DATA (RFC 2033 §4.2): after the body, one reply per accepted recipient, in RCPT order.
   * Returns only the DATA reply if it was not 354.
   */
  public List<Reply> lmtpData(InputStream body, int acceptedRecipients) throws IOException {
    Reply go = command("DATA");
    if (go.code() != 354) {
      return List.of(go);
    }
    writeBody(body);
    List<Reply> replies = new ArrayList<>(acceptedRecipients);
    for (int i = 0; i < acceptedRecipients; i++) {
      replies.add(readReply());
    }
    return replies;
  }

  private void writeBody(InputStream body) throws IOException {
    DotStuffingOutputStream stuffer = new DotStuffingOutputStream(out);
    body.transferTo(stuffer);
    stuffer.finish();
    out.flush();
  }

  /** {@code BDAT <size> [LAST]} followed by the chunk exactly as given (RFC 3030). */
  public Reply bdat(byte[] chunk, boolean last) throws IOException {
    String line = "BDAT " + chunk.length + (last ? " LAST" : "");
    log.debug("C: {} remote={}", line, remote);
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(chunk);
    out.flush();
    return readReply();
  }

  public Reply rset() throws IOException {
    return command("RSET");
  }

  public Reply noop() throws IOException {
    return command("NOOP");
  }

  /** Sends QUIT, reads the reply, closes the connection. */
  public Reply quit() throws IOException {
    try {
      return command("QUIT");
    } finally {
      close();
    }
  }

  /** AUTH PLAIN with an initial response (RFC 4616, RFC 4954 §4). */
  public Reply authPlain(String user, String password) throws IOException {
    String response = base64("\0" + user + "\0" + password);
    return command("AUTH PLAIN " + response, "AUTH PLAIN <redacted>");
  }

  /** AUTH LOGIN: user name and password each after a 334 challenge. */
  public Reply authLogin(String user, String password) throws IOException {
    Reply r = command("AUTH LOGIN");
    if (r.code() != 334) {
      return r;
    }
    r = command(base64(user), "<redacted>");
    if (r.code() != 334) {
      return r;
    }
    return command(base64(password), "<redacted>");
  }

  /**
   * Sends several commands at once and reads their replies in order (RFC 2920); only sensible when
   * the server offered PIPELINING, and with at most one command that must end a group, last.
   */
  public List<Reply> pipeline(List<String> lines) throws IOException {
    for (String line : lines) {
      writeLine(line, line);
    }
    out.flush();
    List<Reply> replies = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      replies.add(readReply());
    }
    return replies;
  }

  /** Sends one line (CRLF added) without reading a reply; see {@link #readReply()}. */
  public void send(String line) throws IOException {
    writeLine(line, line);
    out.flush();
  }

  /** Sends bytes exactly as given; for tests that inject bare LFs, fake terminators and the like. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads the next reply. */
  public Reply readReply() throws IOException {
    Reply reply = reader.read();
    log.debug("S: {} remote={}", reply, remote);
    return reply;
  }

  /** True when bytes from the server are waiting unread. */
  public boolean hasUnreadInput() {
    return reader.hasBufferedInput();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private Reply command(String line) throws IOException {
    return command(line, line);
  }

  private Reply command(String line, String logged) throws IOException {
    writeLine(line, logged);
    out.flush();
    return readReply();
  }

  private void writeLine(String line, String logged) throws IOException {
    if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("CR or LF in a command line (SMTP-1); use sendRaw");
    }
    log.debug("C: {} remote={}", logged, remote);
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  private static String join(List<String> parameters) {
    return parameters.isEmpty() ? "" : " " + String.join(" ", parameters);
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
