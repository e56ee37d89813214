package org.sealpost.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.ServerConfig;
import org.sealpost.config.TlsConfig;
import org.sealpost.mail.TlsFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side TLS for the listeners: STARTTLS on 25/587 (RFC 3207) and implicit TLS on 465 (RFC
 * 8314). The key material is reloadable (see {@link #reload()}; checked every
 * {@code tls.reload_interval}); handshakes are bounded by {@code tls.handshake_timeout} (spec
 * SEC-9); protocols start at {@code tls.min_version} and cipher suites are the JDK's AEAD suites
 * with forward secrecy only (TLS 1.3 suites, ECDHE with AES-GCM or ChaCha20-Poly1305 for 1.2).
 */
public final class ServerTls implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

  private final ReloadingKeyManager keyManager;
  private final SSLContext context;
  private final String[] protocols;
  private final String[] cipherSuites;
  private final Duration handshakeTimeout;
  private final ScheduledExecutorService scheduler;
  private final Reloader reloader;

  private ServerTls(KeyMaterial initial, TlsConfig config, Reloader reloader) {
    this.keyManager = new ReloadingKeyManager(initial);
    try {
      this.context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keyManager}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's default TLS provider is missing", e);
    }
    this.protocols = config.minVersion().equals("TLSv1.3")
        ? new String[] {"TLSv1.3"}
        : new String[] {"TLSv1.3", "TLSv1.2"};
    this.cipherSuites = modernSuites(context.getDefaultSSLParameters().getCipherSuites());
    this.handshakeTimeout = config.handshakeTimeout();
    this.reloader = reloader;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("tls-timer").factory());
    long every = config.reloadInterval().toMillis();
    if (every > 0) {
      scheduler.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Server TLS from the config: the configured certificate and key, or (when none is set) the
   * self-signed one under {@code data_dir/tls/}. Fails when TLS is off ({@link TlsConfig#enabled()}).
   */
  public static ServerTls start(TlsConfig config, ServerConfig server, InstantSource clock)
      throws IOException, TlsMaterialException {
    if (!config.enabled()) {
      throw new IllegalArgumentException("TLS is off: no certificate and self_signed = false");
    }
    Path cert = config.certificate();
    Path key = config.privateKey();
    if (cert != null && key != null) {
      FileReloader files = new FileReloader(cert, key, clock);
      return new ServerTls(files.loadFirst(), config, files);
    }
    Reloader selfSigned = current -> {
      KeyMaterial m = SelfSignedCertificate.ensure(server.dataDir(), server.hostname(), clock);
      return m.leaf().equals(current.leaf()) ? null : m;
    };
    return new ServerTls(
        SelfSignedCertificate.ensure(server.dataDir(), server.hostname(), clock), config,
        selfSigned);
  }

  /** Server TLS with fixed key material (tests, embedding); never reloads. */
  public static ServerTls of(KeyMaterial material, TlsConfig config) {
    return new ServerTls(material, config, current -> null);
  }

  public SSLContext context() {
    return context;
  }

  /** The key and chain new handshakes use. */
  public KeyMaterial material() {
    return keyManager.material();
  }

  /**
   * Checks the source for new material and installs it. Returns whether it changed. A broken new
   * file is logged with its name and the old material stays in use.
   */
  public boolean reload() {
    try {
      KeyMaterial fresh = reloader.check(keyManager.material());
      if (fresh == null) {
        return false;
      }
      keyManager.install(fresh);
      log.info("event=tls-reloaded subject=\"{}\" not_after={}",
          fresh.leaf().getSubjectX500Principal().getName(), fresh.leaf().getNotAfter().toInstant());
      return true;
    } catch (TlsMaterialException | IOException | RuntimeException e) {
      log.error("event=tls-reload-failed error=\"{}\" action=keeping-previous-certificate",
          e.getMessage());
      return false;
    }
  }

  /**
   * Layers server-mode TLS over an accepted plain socket after {@code 220 Ready to start TLS}. The
   * caller must have discarded (or refused) any bytes read after the STARTTLS line (spec TLS-7),
   * which is why no already-consumed input is passed on.
   */
  public SSLSocket startTls(Socket plain) throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, null, true);
    s.setUseClientMode(false);
    s.setSSLParameters(parameters());
    return s;
  }

  /** A listening socket for implicit TLS (port 465); accepted sockets still need {@link #handshake}. */
  public SSLServerSocket bindImplicit(InetSocketAddress address, int backlog) throws IOException {
    SSLServerSocket ss = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    ss.setSSLParameters(parameters());
    ss.bind(address, backlog);
    return ss;
  }

  /**
   * Runs the handshake within {@code tls.handshake_timeout}, overall and not merely per read: a
   * client that trickles bytes is cut off too. On timeout the socket is closed and a
   * {@link SocketTimeoutException} is thrown.
   */
  public TlsFacts handshake(SSLSocket socket) throws IOException {
    long ms = Math.max(1, handshakeTimeout.toMillis());
    int before = socket.getSoTimeout();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline = scheduler.schedule(() -> {
      timedOut.set(true); // before the close, so the failing handshake sees it (no race)
      try {
        socket.close();
      } catch (IOException e) {
        // Already closed: nothing to cut off.
      }
    }, ms, TimeUnit.MILLISECONDS);
    try {
      socket.setSoTimeout((int) Math.min(ms, Integer.MAX_VALUE));
      socket.startHandshake();
    } catch (IOException e) {
      if (timedOut.get() || e instanceof SocketTimeoutException) {
        socket.close();
        SocketTimeoutException t =
            new SocketTimeoutException("TLS handshake not finished within " + ms + " ms");
        t.initCause(e);
        throw t;
      }
      throw e;
    } finally {
      deadline.cancel(false);
    }
    socket.setSoTimeout(before);
    return facts(socket.getSession());
  }

  /** What a session negotiated, for the Received field (RFC 8314 §4.3) and the spool. */
  public static TlsFacts facts(SSLSession session) {
    return new TlsFacts(session.getProtocol(), session.getCipherSuite());
  }

  /** The protocols offered, newest first. */
  public List<String> protocols() {
    return List.of(protocols);
  }

  public List<String> cipherSuites() {
    return List.of(cipherSuites);
  }

  private SSLParameters parameters() {
    SSLParameters p = context.getDefaultSSLParameters();
    p.setProtocols(protocols);
    p.setCipherSuites(cipherSuites);
    p.setUseCipherSuitesOrder(true);
    p.setNeedClientAuth(false);
    return p;
  }

  /** TLS 1.3 suites, and for TLS 1.2 only ECDHE with an AEAD cipher (no CBC, RSA kx, DHE, SHA-1 MAC). */
  static String[] modernSuites(String[] defaults) {
    return Arrays.stream(defaults)
        .filter(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")
            || (s.startsWith("TLS_ECDHE_") && (s.contains("_GCM_") || s.contains("_CHACHA20_POLY1305_"))))
        .toArray(String[]::new);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  /** Where new material comes from: null when nothing changed. */
  @FunctionalInterface
  private interface Reloader {
    @Nullable KeyMaterial check(KeyMaterial current) throws IOException, TlsMaterialException;
  }

  /** Configured PEM files: reloaded when their bytes change; a bad version is reported once. */
  private static final class FileReloader implements Reloader {
    private final Path cert;
    private final Path key;
    private final InstantSource clock;
    private byte[] seen = new byte[0];

    FileReloader(Path cert, Path key, InstantSource clock) {
      this.cert = cert;
      this.key = key;
      this.clock = clock;
    }

    KeyMaterial loadFirst() throws IOException, TlsMaterialException {
      seen = snapshot();
      return KeyMaterial.load(cert, key, clock.instant());
    }

    @Override
    public @Nullable KeyMaterial check(KeyMaterial current) throws IOException, TlsMaterialException {
      byte[] now = snapshot();
      if (Arrays.equals(now, seen)) {
        return null;
      }
      seen = now; // a broken version is reported once, not every interval
      KeyMaterial m = KeyMaterial.load(cert, key, clock.instant());
      return Objects.equals(m.chain(), current.chain()) && m.privateKey().equals(current.privateKey())
          ? null
          : m;
    }

    private byte[] snapshot() throws IOException {
      byte[] c = Files.readAllBytes(cert);
      byte[] k = Files.readAllBytes(key);
      byte[] both = Arrays.copyOf(c, c.length + k.length);
      System.arraycopy(k, 0, both, c.length, k.length);
      return both;
    }
  }
}
