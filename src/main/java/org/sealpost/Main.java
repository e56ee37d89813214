package org.sealpost;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.sealpost.admin.StsPolicyServer;
import org.sealpost.cli.SealpostCommand;
import org.sealpost.config.DeliveryConfig;
import org.sealpost.config.DestinationTlsConfig;
import org.sealpost.config.DsnConfig;
import org.sealpost.config.ListenerConfig;
import org.sealpost.config.PasswordHash;
import org.sealpost.config.SealpostConfig;
import org.sealpost.config.SmartHost;
import org.sealpost.config.UserConfig;
import org.sealpost.delivery.ConfiguredRouter;
import org.sealpost.delivery.Deliverer;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.DestinationDeliverer;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.Router;
import org.sealpost.delivery.local.MaildirDelivery;
import org.sealpost.delivery.remote.OutboundTls;
import org.sealpost.delivery.remote.RemoteDelivery;
import org.sealpost.delivery.remote.RemoteSettings;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.ResolverFactory;
import org.sealpost.inbound.Authenticator;
import org.sealpost.inbound.SmtpServer;
import org.sealpost.mail.Domain;
import org.sealpost.mail.MailAddress;
import org.sealpost.policy.DestinationPolicy;
import org.sealpost.policy.LocalMailboxes;
import org.sealpost.policy.mtasts.MtaStsLookup;
import org.sealpost.policy.mtasts.MtaStsResolver;
import org.sealpost.queue.DeliveryServices;
import org.sealpost.queue.QueueRunner;
import org.sealpost.queue.Spool;
import org.sealpost.report.dsn.Bouncer;
import org.sealpost.report.dsn.DoubleBounce;
import org.sealpost.report.dsn.DsnComposer;
import org.sealpost.report.dsn.DsnRateLimit;
import org.sealpost.report.dsn.DsnRedactor;
import org.sealpost.report.tlsrpt.TlsReporting;
import org.sealpost.tls.ServerTls;
import org.sealpost.tls.TlsMaterialException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The composition root: the command line, and the one place where configuration becomes running
 * objects: DNS, receive → queue → deliver → bounce.
 */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger("sealpost");

  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new SealpostCommand()).execute(args));
  }

  /** A running Sealpost; {@link #close()} stops it. */
  public static final class Running implements AutoCloseable {
    private final Spool spool;
    private final @Nullable ServerTls tls;
    private final SmtpServer smtp;
    private final Resolver dns;
    private final @Nullable QueueRunner runner;
    private final @Nullable TlsReporting tlsRpt;
    private final @Nullable StsPolicyServer stsPolicy;
    private final List<AutoCloseable> outbound;

    private Running(Spool spool, @Nullable ServerTls tls, SmtpServer smtp, Resolver dns,
        @Nullable QueueRunner runner, @Nullable TlsReporting tlsRpt, @Nullable StsPolicyServer stsPolicy,
        List<AutoCloseable> outbound) {
      this.outbound = List.copyOf(outbound);
      this.spool = spool;
      this.tls = tls;
      this.smtp = smtp;
      this.dns = dns;
      this.runner = runner;
      this.tlsRpt = tlsRpt;
      this.stsPolicy = stsPolicy;
    }

    /** TLS reporting when {@code [tlsrpt] enabled}, else null. */
    public @Nullable TlsReporting tlsRpt() {
      return tlsRpt;
    }

    /** The MTA-STS policy host, when {@code [mta_sts_policy] enabled}. */
    public @Nullable StsPolicyServer stsPolicy() {
      return stsPolicy;
    }

    /** The resolver, in the DNSSEC mode actually in force (checked at start-up). */
    public Resolver dns() {
      return dns;
    }

    public SmtpServer smtp() {
      return smtp;
    }

    public Spool spool() {
      return spool;
    }

    @Override
    public void close() {
      try {
        smtp.close();
      } catch (IOException e) {
        log.warn("closing listeners: {}", e.toString());
      }
      if (stsPolicy != null) {
        stsPolicy.close();
      }
      if (runner != null) {
        runner.close();
      }
      closeAll(outbound); // after the runner: no delivery parks a session any more
      if (tlsRpt != null) {
        tlsRpt.close();
      }
      if (tls != null) {
        tls.close();
      }
      try {
        spool.close();
      } catch (IOException e) {
        log.warn("closing spool: {}", e.toString());
      }
      log.info("stopped");
    }

    static void closeAll(List<AutoCloseable> closeables) {
      for (AutoCloseable c : closeables) {
        try {
          c.close();
        } catch (Exception e) {
          log.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
        }
      }
    }
  }

  /** Builds and starts everything the configuration describes. */
  public static Running start(SealpostConfig config) throws IOException, TlsMaterialException {
    InstantSource clock = InstantSource.system();
    LogLevels.apply(config.log());
    // Checked first: a resolver that does not really validate is reported, and run as "off".
    Resolver dns = ResolverFactory.start(config.dns(), Clock.systemUTC()).resolver();
    Spool spool = Spool.open(config.spool().directory(), clock);
    ServerTls tls = null;
    QueueRunner runner = null;
    TlsReporting tlsRpt = null;
    List<AutoCloseable> outbound = new ArrayList<>();
    try {
      tls = config.tls().enabled() ? ServerTls.start(config.tls(), config.server(), clock) : null;
      tlsRpt = config.tlsRpt().enabled() ? TlsReporting.start(config.tlsRpt(), spool.intake(), dns, clock) : null;
      if (config.delivery().enabled()) {
        TlsSessionListener tlsResults = tlsRpt != null ? tlsRpt.listener() : TlsSessionListener.none();
        runner = QueueRunner.start(spool, config.queue(),
            deliveryServices(config, spool, dns, clock, tlsResults, outbound::add), clock);
      } else {
        log.warn("delivery is off ([delivery] enabled = false): mail is accepted and kept, nothing is delivered");
      }
      SmtpServer smtp = SmtpServer.start(config, spool.intake(), tls, authenticator(config), clock);
      StsPolicyServer stsPolicy = null;
      try {
        stsPolicy = config.mtaStsPolicy().enabled() ? StsPolicyServer.start(config, tls, clock) : null;
      } catch (IOException | TlsMaterialException | RuntimeException e) {
        smtp.close();
        throw e;
      }
      log.info("started hostname={} spool={}", config.server().hostname(), config.spool().directory());
      return new Running(spool, tls, smtp, dns, runner, tlsRpt, stsPolicy, outbound);
    } catch (IOException | TlsMaterialException | RuntimeException e) {
      if (tlsRpt != null) {
        tlsRpt.close();
      }
      if (runner != null) {
        runner.close();
      }
      Running.closeAll(outbound);
      if (tls != null) {
        tls.close();
      }
      spool.close();
      throw e;
    }
  }

  /**
   * Delivery, in the order of the flow: the router says where each recipient goes; local mailboxes
   * get Maildir delivery, remote domains SMTP with RFC 8689 and the TLS policy; outcomes become
   * DSNs that re-enter through the intake.
   */
  static DeliveryServices deliveryServices(SealpostConfig config, Spool spool, Resolver dns,
      InstantSource clock, TlsSessionListener tlsResults, Consumer<AutoCloseable> onStop) throws IOException {
    String hostname = config.server().hostname();
    DeliveryConfig d = config.delivery();
    LocalMailboxes local = new LocalMailboxes(config.local());
    Router router = new ConfiguredRouter(local, smartHost(d));
    Map<Domain, DestinationPolicy> policies = new HashMap<>();
    for (DestinationTlsConfig p : d.policies()) {
      policies.put(Domain.of(p.domain()), new DestinationPolicy(p.tls(), p.requireTls()));
    }
    DestinationPolicy fallback = new DestinationPolicy(d.tls(), d.requireTls());
    RemoteSettings settings =
        new RemoteSettings(d.heloName() == null ? hostname : d.heloName(), d.port(), d.connectTimeout(),
            d.commandTimeout(), 2, domain -> policies.getOrDefault(domain, fallback),
            Set.of(Domain.of(hostname)), ownEndpoints(config), smartHostLogin(d),
            d.connectionReuseTime(), d.maxMessagesPerConnection(), d.sourceAddress());
    DsnRedactor redactor = new DsnRedactor(hostname);
    // RT-21: real MTA-STS policies validate insecure MX names ([mta_sts] enabled = false: none).
    MtaStsLookup mtaSts = MtaStsLookup.none();
    if (config.mtaSts().enabled()) {
      MtaStsResolver resolver = MtaStsResolver.create(config.mtaSts(), dns, clock);
      // STS-6: renew cached policies before they expire, so an outage of a policy host is bridged.
      Thread refresher = Thread.ofVirtual().name("mta-sts-refresh").start(() -> refreshHourly(resolver));
      onStop.accept(refresher::interrupt);
      mtaSts = resolver;
    }
    RemoteDelivery remote =
        new RemoteDelivery(dns, mtaSts, OutboundTls.create(d.caFile()), settings,
            message -> redacted(redactor, message), tlsResults, clock);
    onStop.accept(remote); // QUITs the sessions parked for reuse
    Deliverer deliverer =
        new DestinationDeliverer(new MaildirDelivery(d.maildirRoot(), hostname, clock), remote, local::exists);
    DoubleBounce doubleBounce =
        d.doubleBounceToPostmaster() && !config.local().domains().isEmpty()
            ? new DoubleBounce.ToPostmaster(new MailAddress("postmaster", config.local().domains().getFirst()))
            : new DoubleBounce.LogOnly();
    DsnConfig dsn = config.dsn();
    Bouncer bouncer = new Bouncer(spool.intake(), new DsnComposer(hostname, clock, dsn.maxFullReturnSize()), clock,
        doubleBounce, new DsnRateLimit(dsn.maxPerSenderPerHour(), dsn.maxPerMinute(), clock));
    return new DeliveryServices(router, deliverer, bouncer);
  }

  private static void refreshHourly(MtaStsResolver resolver) {
    while (true) {
      try {
        Thread.sleep(Duration.ofHours(1));
        int renewed = resolver.refreshDuePolicies();
        if (renewed > 0) {
          log.info("mta-sts: refreshed={} policies", renewed);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("mta-sts: policy refresh failed: {}; next try in an hour", e.toString());
      }
    }
  }

  /** {@code smart_host_user} and the password from {@code smart_host_password_file}. */
  static RemoteSettings.@Nullable SmartHostLogin smartHostLogin(DeliveryConfig d) throws IOException {
    if (d.smartHostUser() == null || d.smartHostPasswordFile() == null) {
      return null;
    }
    String password;
    try {
      password = Files.readString(d.smartHostPasswordFile(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IOException("delivery.smart_host_password_file " + d.smartHostPasswordFile()
          + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (password.isEmpty()) {
      throw new IOException("delivery.smart_host_password_file " + d.smartHostPasswordFile() + ": empty");
    }
    return new RemoteSettings.SmartHostLogin(d.smartHostUser(), password);
  }

  /** Where this host listens, wildcard binds expanded to every local address (RFC 5321 §5.1). */
  static Set<InetSocketAddress> ownEndpoints(SealpostConfig config) throws IOException {
    Set<InetSocketAddress> out = new HashSet<>();
    for (ListenerConfig l : config.listeners()) {
      InetAddress bound = InetAddress.getByName(l.address());
      if (bound.isAnyLocalAddress()) {
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
          nic.inetAddresses().forEach(a -> out.add(new InetSocketAddress(a, l.port())));
        }
      } else {
        out.add(new InetSocketAddress(bound, l.port()));
      }
    }
    return out;
  }

  private static @Nullable OutboundMessage redacted(DsnRedactor redactor, OutboundMessage message) {
    if (!DsnRedactor.applies(message.envelope())) {
      return null;
    }
    try {
      return redactor.redact(message);
    } catch (IOException e) {
      log.warn("{}: cannot redact the bounce: {}", message.envelope().queueId(), e.toString());
      return null;
    }
  }

  /** {@code [delivery] smart_host} as a delivery destination, or null for MX routing. */
  static Destination.@Nullable SmartHost smartHost(DeliveryConfig d) {
    SmartHost h = d.smartHost();
    return h == null ? null : new Destination.SmartHost(h.host().name(), h.port(d.port()));
  }

  /** Users from {@code [[auth.user]]}; an unknown user costs the same time as a wrong password. */
  static Authenticator authenticator(SealpostConfig config) {
    if (config.auth().users().isEmpty()) {
      return Authenticator.none(); // AUTH is not even offered, so there is nothing to time
    }
    String decoy = PasswordHash.hash("decoy-password".toCharArray());
    return (user, password) -> {
      for (UserConfig u : config.auth().users()) {
        if (u.name().equals(user)) {
          return PasswordHash.verify(password, u.passwordHash());
        }
      }
      PasswordHash.verify(password, decoy);
      return false;
    };
  }
}
