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
    MtaStsPolicyConfig mtaStsPolicy,
    DsnConfig dsn,
    TlsRptConfig tlsRpt) {

  public SealpostConfig {
    listeners = List.copyOf(listeners);
  }

  public static SealpostConfig defaults() {
    return Defaults.config();
  }
}
