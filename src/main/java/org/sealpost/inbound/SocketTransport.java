package org.sealpost.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.TlsFacts;
import org.sealpost.tls.ServerTls;

/** A {@link Transport} over an accepted TCP socket; TLS through {@link ServerTls}. */
final class SocketTransport implements Transport {

  private final Socket raw;
  private final @Nullable ServerTls tls;
  private Socket current;
  private InputStream in;
  private OutputStream out;
  private @Nullable TlsFacts facts;

  SocketTransport(Socket raw, @Nullable ServerTls tls) throws IOException {
    this.raw = raw;
    this.tls = tls;
    this.current = raw;
    this.in = raw.getInputStream();
    this.out = raw.getOutputStream();
  }

  @Override
  public InputStream input() {
    return in;
  }

  @Override
  public OutputStream output() {
    return out;
  }

  @Override
  public InetAddress remoteAddress() {
    return raw.getInetAddress();
  }

  @Override
  public int remotePort() {
    return raw.getPort();
  }

  @Override
  public @Nullable TlsFacts tls() {
    return facts;
  }

  @Override
  public boolean canStartTls() {
    return tls != null && facts == null && !(raw instanceof SSLSocket);
  }

  @Override
  public TlsFacts startTls() throws IOException {
    ServerTls t = tls;
    if (t == null || facts != null) {
      throw new IllegalStateException("TLS not available on this connection");
    }
    SSLSocket ssl = raw instanceof SSLSocket implicit ? implicit : t.startTls(raw);
    TlsFacts negotiated = t.handshake(ssl);
    current = ssl;
    in = ssl.getInputStream();
    out = ssl.getOutputStream();
    facts = negotiated;
    return negotiated;
  }

  @Override
  public void setReadTimeout(Duration timeout) throws IOException {
    current.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
  }

  @Override
  public void interruptInput() {
    try {
      // Only the input, so the session can still say 421. On an implicit-TLS socket JSSE closes
      // the TLS inbound and shuts the TCP input too, then reports the missing close_notify.
      raw.shutdownInput();
    } catch (IOException e) {
      // Already closed, or JSSE's close_notify complaint: the blocked read returns either way.
    }
  }

  @Override
  public void close() {
    try {
      current.close();
    } catch (IOException e) {
      // Nothing to do: the connection is gone.
    }
  }
}
