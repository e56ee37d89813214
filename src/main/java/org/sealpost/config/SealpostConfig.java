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
    QueueConfig queue,
    DeliveryConfig delivery,
    MtaStsConfig mtaSts,
    MtaStsPolicyConfig mtaStsPolicy) {

  public SealpostConfig {
    listeners = List.copyOf(listeners);
  }

  /** Without {@code [mta_sts]}: its defaults, the cache under {@code server.data_dir}. */
  public SealpostConfig(ServerConfig server, List<ListenerConfig> listeners, TlsConfig tls,
      LimitsConfig limits, LocalConfig local, RelayConfig relay, AuthConfig auth,
      RequireTlsConfig requireTls, SpoolConfig spool, DnsConfig dns, LogConfig log,
      QueueConfig queue, DeliveryConfig delivery) {
    this(server, listeners, tls, limits, local, relay, auth, requireTls, spool, dns, log, queue,
        delivery, Defaults.mtaSts(server.dataDir()), Defaults.mtaStsPolicy(server, local));
  }

  /** Without {@code [mta_sts_policy]}: its defaults (off; the local domains, the host name as MX). */
  public SealpostConfig(ServerConfig server, List<ListenerConfig> listeners, TlsConfig tls,
      LimitsConfig limits, LocalConfig local, RelayConfig relay, AuthConfig auth,
      RequireTlsConfig requireTls, SpoolConfig spool, DnsConfig dns, LogConfig log,
      QueueConfig queue, DeliveryConfig delivery, MtaStsConfig mtaSts) {
    this(server, listeners, tls, limits, local, relay, auth, requireTls, spool, dns, log, queue,
        delivery, mtaSts, Defaults.mtaStsPolicy(server, local));
  }

  public static SealpostConfig defaults() {
    return Defaults.config();
  }
}
