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

  /** A builder that starts from this configuration: tests and tools change only what they need. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a configuration part by part from a starting one, so that code which sets a few parts
   * does not name all of them (and need not change when a section is added).
   */
  public static final class Builder {
    private ServerConfig server;
    private List<ListenerConfig> listeners;
    private TlsConfig tls;
    private LimitsConfig limits;
    private LocalConfig local;
    private RelayConfig relay;
    private AuthConfig auth;
    private RequireTlsConfig requireTls;
    private SpoolConfig spool;
    private DnsConfig dns;
    private LogConfig log;
    private QueueConfig queue;
    private DeliveryConfig delivery;
    private MtaStsConfig mtaSts;
    private MtaStsPolicyConfig mtaStsPolicy;
    private DsnConfig dsn;
    private TlsRptConfig tlsRpt;

    private Builder(SealpostConfig c) {
      this.server = c.server();
      this.listeners = c.listeners();
      this.tls = c.tls();
      this.limits = c.limits();
      this.local = c.local();
      this.relay = c.relay();
      this.auth = c.auth();
      this.requireTls = c.requireTls();
      this.spool = c.spool();
      this.dns = c.dns();
      this.log = c.log();
      this.queue = c.queue();
      this.delivery = c.delivery();
      this.mtaSts = c.mtaSts();
      this.mtaStsPolicy = c.mtaStsPolicy();
      this.dsn = c.dsn();
      this.tlsRpt = c.tlsRpt();
    }

    public Builder server(ServerConfig server) {
      this.server = server;
      return this;
    }

    public Builder listeners(List<ListenerConfig> listeners) {
      this.listeners = listeners;
      return this;
    }

    public Builder tls(TlsConfig tls) {
      this.tls = tls;
      return this;
    }

    public Builder limits(LimitsConfig limits) {
      this.limits = limits;
      return this;
    }

    public Builder local(LocalConfig local) {
      this.local = local;
      return this;
    }

    public Builder relay(RelayConfig relay) {
      this.relay = relay;
      return this;
    }

    public Builder auth(AuthConfig auth) {
      this.auth = auth;
      return this;
    }

    public Builder requireTls(RequireTlsConfig requireTls) {
      this.requireTls = requireTls;
      return this;
    }

    public Builder spool(SpoolConfig spool) {
      this.spool = spool;
      return this;
    }

    public Builder dns(DnsConfig dns) {
      this.dns = dns;
      return this;
    }

    public Builder log(LogConfig log) {
      this.log = log;
      return this;
    }

    public Builder queue(QueueConfig queue) {
      this.queue = queue;
      return this;
    }

    public Builder delivery(DeliveryConfig delivery) {
      this.delivery = delivery;
      return this;
    }

    public Builder mtaSts(MtaStsConfig mtaSts) {
      this.mtaSts = mtaSts;
      return this;
    }

    public Builder mtaStsPolicy(MtaStsPolicyConfig mtaStsPolicy) {
      this.mtaStsPolicy = mtaStsPolicy;
      return this;
    }

    public Builder dsn(DsnConfig dsn) {
      this.dsn = dsn;
      return this;
    }

    public Builder tlsRpt(TlsRptConfig tlsRpt) {
      this.tlsRpt = tlsRpt;
      return this;
    }

    public SealpostConfig build() {
      return new SealpostConfig(server, listeners, tls, limits, local, relay, auth, requireTls, spool, dns, log, queue, delivery, mtaSts, mtaStsPolicy, dsn, tlsRpt);
    }
  }
}
