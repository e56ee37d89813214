package org.sealpost.inbound;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.TlsFacts;

/**
 * A transport for dialogue tests: two in-memory pipes, and a STARTTLS that "succeeds" without real
 * cryptography (real TLS is covered by the integration tests), so session logic is tested alone.
 */
final class MemoryTransport implements Transport {

  static final TlsFacts FAKE_TLS = new TlsFacts("TLSv1.3", "TLS_AES_128_GCM_SHA256");

  final MemoryPipe toServer = new MemoryPipe();
  final MemoryPipe toClient = new MemoryPipe();
  private final InetAddress remote;
  private final boolean tlsAvailable;
  private @Nullable TlsFacts tls;

  MemoryTransport(InetAddress remote, boolean tlsAvailable) {
    this.remote = remote;
    this.tlsAvailable = tlsAvailable;
  }

  @Override
  public InputStream input() {
    return toServer.in;
  }

  @Override
  public OutputStream output() {
    return toClient.out;
  }

  @Override
  public InetAddress remoteAddress() {
    return remote;
  }

  @Override
  public int remotePort() {
    return 40000;
  }

  @Override
  public @Nullable TlsFacts tls() {
    return tls;
  }

  @Override
  public boolean canStartTls() {
    return tlsAvailable && tls == null;
  }

  @Override
  public TlsFacts startTls() {
    tls = FAKE_TLS;
    return FAKE_TLS;
  }

  @Override
  public void setReadTimeout(Duration timeout) {}

  @Override
  public void interruptInput() {
    toServer.close();
  }

  @Override
  public void close() {
    toServer.close();
    toClient.close();
  }
}
