package org.sealpost.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.TlsFacts;

/**
 * The byte pipe under one SMTP session: a socket in production, a pair of in-memory pipes in
 * dialogue tests. STARTTLS swaps the streams; callers must fetch {@link #input()} and
 * {@link #output()} again afterwards.
 */
interface Transport extends AutoCloseable {

  InputStream input();

  OutputStream output();

  InetAddress remoteAddress();

  int remotePort();

  /** The TLS session, or {@code null} on a plaintext connection. */
  @Nullable TlsFacts tls();

  /** Whether STARTTLS can be offered (a certificate is configured and TLS is not yet active). */
  boolean canStartTls();

  /**
   * Performs the server side of the TLS handshake over the current connection (RFC 3207). Any bytes
   * the caller had buffered from the plaintext stream must have been discarded already (TLS-7).
   */
  TlsFacts startTls() throws IOException;

  /** Bounds the wait for each read. */
  void setReadTimeout(Duration timeout) throws IOException;

  /** Makes a blocked read return (end of stream), so the session can say 421 and close. */
  void interruptInput();

  @Override
  void close();
}
