package org.sealpost.config;

import java.util.List;

/** The whole configuration. Every part has a default; see {@link Defaults}. */
public record SealpostConfig(
    ServerConfig server,
    List<ListenerConfig> listeners,
    TlsConfig tls,
    LimitsConfig limits,
    LocalConfig local,
    RelayConfig relay,
    AuthConfig auth,
    RequireTlsConfig requireTls,
    SpoolConfig spool,
    DnsConfig dns,
    LogConfig log,
    QueueConfig queue) {

  public SealpostConfig {
    listeners = List.copyOf(listeners);
  }

  /** Without {@code [queue]}: its defaults. */
  public SealpostConfig(
      ServerConfig server,
      List<ListenerConfig> listeners,
      TlsConfig tls,
      LimitsConfig limits,
      LocalConfig local,
      RelayConfig relay,
      AuthConfig auth,
      RequireTlsConfig requireTls,
      SpoolConfig spool,
      DnsConfig dns,
      LogConfig log) {
    this(server, listeners, tls, limits, local, relay, auth, requireTls, spool, dns, log,
        Defaults.queue());
  }

  public static SealpostConfig defaults() {
    return Defaults.config();
  }
}
