package org.sealpost.inbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.ListenerConfig;
import org.sealpost.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket: accepts connections, applies the connection limits, and runs each session
 * on its own virtual thread. A session past its time limit is cut off by a shared watchdog.
 */
final class SmtpListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger("smtpd");

  private final InboundContext context;
  private final @Nullable ServerTls tls;
  private final ConnectionLimiter limiter;
  private final ScheduledExecutorService watchdog;
  private final ServerSocket socket;
  private final Thread acceptor;

  SmtpListener(
      InboundContext context,
      @Nullable ServerTls tls,
      ConnectionLimiter limiter,
      ScheduledExecutorService watchdog)
      throws IOException {
    this.context = context;
    this.tls = tls;
    this.limiter = limiter;
    this.watchdog = watchdog;
    ListenerConfig l = context.listener();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(l.address()), l.port());
    if (l.kind().implicitTls()) {
      if (tls == null) {
        throw new IllegalStateException("listener " + l.name() + " needs TLS");
      }
      this.socket = tls.bindImplicit(address, 512);
    } else {
      this.socket = new ServerSocket();
      this.socket.setReuseAddress(true);
      this.socket.bind(address, 512);
    }
    this.acceptor = Thread.ofPlatform().name("accept-" + l.name()).daemon().unstarted(this::acceptLoop);
  }

  void start() {
    acceptor.start();
    log.info("listening on {}:{} listener={} kind={}", context.listener().address(),
        socket.getLocalPort(), context.listener().name(), context.listener().kind().code());
  }

  /** The bound port (useful when the configured port was 0). */
  int port() {
    return socket.getLocalPort();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        if (!socket.isClosed()) {
          log.warn("accept failed on listener {}: {}", context.listener().name(), e.toString());
        }
        continue;
      }
      admit(s);
    }
  }

  private void admit(Socket s) {
    InetAddress client = s.getInetAddress();
    ConnectionLimiter.Admission admission = limiter.tryAcquire(client);
    if (admission != ConnectionLimiter.Admission.ADMITTED) {
      log.info("refused connection from [{}]: {}", client.getHostAddress(), admission);
      Thread.ofVirtual().start(() -> refuse(s, admission));
      return;
    }
    Thread.ofVirtual().name("smtpd-" + client.getHostAddress()).start(() -> serve(s, client));
  }

  private void serve(Socket s, InetAddress client) {
    ScheduledFuture<?> cutoff = null;
    try {
      s.setTcpNoDelay(true);
      SocketTransport transport = new SocketTransport(s, tls);
      Session session = new Session(context, transport);
      // SEC-9: the whole-session cap also holds while a client trickles bytes inside DATA.
      Duration limit = context.limits().sessionTimeout();
      cutoff = watchdog.schedule(transport::interruptInput, limit.toMillis() + 500, TimeUnit.MILLISECONDS);
      session.run();
    } catch (IOException e) {
      log.info("connection from [{}] failed: {}", client.getHostAddress(), e.toString());
      closeQuietly(s);
    } finally {
      if (cutoff != null) {
        cutoff.cancel(false);
      }
      limiter.release(client);
    }
  }

  private void refuse(Socket s, ConnectionLimiter.Admission why) {
    String text =
        why == ConnectionLimiter.Admission.TOO_MANY_TOTAL
            ? "421 4.7.0 " + context.serverName() + " too many connections, try again later\r\n"
            : "421 4.7.0 " + context.serverName() + " too many connections from your address\r\n";
    try (s) {
      if (!context.listener().kind().implicitTls()) {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      // The client left already.
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
