package org.sealpost.inbound;

import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.ListenerConfig;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.config.SealpostConfig;
import org.sealpost.policy.RelayPolicy;
import org.sealpost.policy.requiretls.MailParameterPolicy;
import org.sealpost.queue.Intake;
import org.sealpost.tls.ServerTls;

/**
 * The receiving MTA: every configured listener (smtp, submission, submissions) with its sessions.
 * Connection limits are shared across listeners.
 */
public final class SmtpServer implements AutoCloseable {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("smtpd");

  private final Map<String, SmtpListener> listeners = new LinkedHashMap<>();
  private final ScheduledExecutorService watchdog;

  private SmtpServer(ScheduledExecutorService watchdog) {
    this.watchdog = watchdog;
  }

  /** Binds and starts every listener; on any failure, closes those already bound and throws. */
  public static SmtpServer start(
      SealpostConfig config,
      Intake intake,
      @Nullable ServerTls tls,
      Authenticator authenticator,
      InstantSource clock)
      throws IOException {
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("session-watchdog").daemon().factory());
    SmtpServer server = new SmtpServer(watchdog);
    ConnectionLimiter limiter =
        new ConnectionLimiter(config.limits().maxConnections(), config.limits().maxConnectionsPerIp());
    RelayPolicy relay = new RelayPolicy(config.local(), config.relay());
    MailParameterPolicy requireTls = new MailParameterPolicy(config.requireTls().draftSyntax());
    boolean authAvailable = !config.auth().users().isEmpty();
    // RT-3: REQUIRETLS is a promise that every onward hop enforces it.
    boolean offerRequireTls = config.delivery().requireTls() == RequireTlsMode.ENFORCE;
    if (!offerRequireTls) {
      log.warn("REQUIRETLS is not offered: [delivery] requiretls = \"{}\" does not enforce it onward (RFC 8689 §1)",
          config.delivery().requireTls().code());
    }
    for (var p : config.delivery().policies()) {
      if (p.requireTls() != RequireTlsMode.ENFORCE) {
        log.warn("REQUIRETLS messages to {} are delivered without REQUIRETLS when no compliant host exists ([[delivery.policy]] requiretls = \"{}\")",
            p.domain(), p.requireTls().code());
      }
    }
    List<SmtpListener> started = new ArrayList<>();
    try {
      for (ListenerConfig l : config.listeners()) {
        InboundContext context =
            new InboundContext(
                config.server().hostname(), l, config.limits(), intake, relay, requireTls, offerRequireTls,
                authenticator, authAvailable, clock);
        SmtpListener listener = new SmtpListener(context, tls, limiter, watchdog);
        started.add(listener);
        server.listeners.put(l.name(), listener);
      }
    } catch (IOException | RuntimeException e) {
      for (SmtpListener l : started) {
        l.close();
      }
      watchdog.shutdownNow();
      throw e;
    }
    started.forEach(SmtpListener::start);
    return server;
  }

  /** The port a listener is bound to. */
  public int port(String listenerName) {
    SmtpListener l = listeners.get(listenerName);
    if (l == null) {
      throw new IllegalArgumentException("no listener named " + listenerName);
    }
    return l.port();
  }

  @Override
  public void close() throws IOException {
    for (SmtpListener l : listeners.values()) {
      l.close();
    }
    watchdog.shutdownNow();
  }
}
