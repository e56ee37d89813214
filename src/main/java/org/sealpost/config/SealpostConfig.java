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
    MtaStsPolicyConfig mtaStsPolicy) {

  public SealpostConfig {
    listeners = List.copyOf(listeners);
  }

  /** The form without {@code [mta_sts_policy]}, which then takes its defaults. */
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
      LogConfig log,
      QueueConfig queue,
      DeliveryConfig delivery) {
    this(server, listeners, tls, limits, local, relay, auth, requireTls, spool, dns, log, queue,
        delivery, Defaults.mtaStsPolicy(server, local));
  }

  public static SealpostConfig defaults() {
    return Defaults.config();
  }
}
