package org.sealpost.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sealpost.mail.Domain;

/**
 * Every default in one place. These run Sealpost out of the box for a trial: unprivileged ports on
 * 127.0.0.1, a self-signed certificate and the spool under {@code ./var/}, local domain
 * {@code localhost} with mailbox {@code postmaster}, relaying from loopback only.
 */
public final class Defaults {

  private Defaults() {}

  public static ServerConfig server() {
    return new ServerConfig("localhost", Path.of("var"));
  }

  public static List<ListenerConfig> listeners() {
    return List.of(
        new ListenerConfig("smtp", ListenerKind.SMTP, "127.0.0.1", 2525),
        new ListenerConfig("submission", ListenerKind.SUBMISSION, "127.0.0.1", 2587),
        new ListenerConfig("submissions", ListenerKind.SUBMISSIONS, "127.0.0.1", 2465));
  }

  public static TlsConfig tls() {
    return new TlsConfig(
        null, null, "TLSv1.2", Duration.ofSeconds(30), Duration.ofSeconds(60), true);
  }

  public static LimitsConfig limits() {
    return new LimitsConfig(
        2000, // max_connections
        50, // max_connections_per_ip
        100, // max_recipients (RFC 5321 §4.5.3.1.8 minimum)
        50L * 1024 * 1024, // max_message_size
        10, // max_errors
        1000, // max_commands
        Duration.ofMinutes(5), // idle_timeout (RFC 5321 §4.5.3.2.7 minimum)
        Duration.ofMinutes(30), // session_timeout
        100, // max_received_headers (RFC 5321 §6.3)
        1024 * 1024); // max_header_bytes
  }

  public static LocalConfig local() {
    return new LocalConfig(List.of(new Domain("localhost")), List.of("postmaster"), "postmaster");
  }

  public static RelayConfig relay() {
    return new RelayConfig(
        List.of(NetworkRange.parse("127.0.0.0/8"), NetworkRange.parse("::1/128")));
  }

  public static AuthConfig auth() {
    return new AuthConfig(List.of());
  }

  public static RequireTlsConfig requireTls() {
    return new RequireTlsConfig(DraftSyntax.REJECT);
  }

  public static SpoolConfig spool() {
    return new SpoolConfig(Path.of("spool"));
  }

  public static DnsConfig dns() {
    return new DnsConfig(
        DnsMode.TRUST_AD, List.of("127.0.0.1:53"), null, false, Duration.ofSeconds(5), 2, 10_000);
  }

  public static LogConfig log() {
    return new LogConfig("info", false);
  }

  /**
   * Retries after 5m, 10m, 30m, 1h, 2h, then every 4h, for 5 days (bounces: 2 days); a delay
   * notice after 4h. RFC 5321 §4.5.4.1 (SMTP-5) suggests 30 minutes or more between attempts; the
   * shorter first steps follow Postfix's minimal backoff, since most temporary failures (greylisting,
   * a restarting peer) clear within minutes.
   */
  public static QueueConfig queue() {
    return new QueueConfig(
        List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4)),
        Duration.ofDays(5), // max_lifetime: "no less than 4-5 days"
        Duration.ofDays(2), // bounce_lifetime: shorter is allowed for notifications
        Duration.ofHours(4), // delay_notice_after
        100, // concurrency
        10); // concurrency_per_destination
  }

  public static SealpostConfig config() {
    return new SealpostConfig(
        server(), listeners(), tls(), limits(), local(), relay(), auth(), requireTls(),
        new SpoolConfig(server().dataDir().resolve(spool().directory())), dns(), log(), queue(),
        delivery().withMaildirRoot(server().dataDir().resolve(delivery().maildirRoot())),
        mtaSts(server().dataDir()), mtaStsPolicy(server(), local()), dsn(), tlsRpt(server()));
  }

  /**
   * At most 20 DSNs an hour to one unauthenticated sender and 120 a minute to all of them (SEC-10:
   * a forged-sender flood must not turn Sealpost into a backscatter source; a real sender rarely
   * has 20 failures an hour). RET=FULL returns messages up to 1 MiB whole, larger ones as headers.
   * The last equals {@code report.dsn.DsnComposer.DEFAULT_MAX_FULL_RETURN}.
   */
  public static DsnConfig dsn() {
    return new DsnConfig(20, 120, 1L << 20);
  }

  /**
   * TLS reporting is off; when on, the server's host name names the organisation and the
   * submitter, {@code postmaster@<hostname>} is the contact, and a day's reports go out within
   * four hours after midnight UTC.
   */
  public static TlsRptConfig tlsRpt(ServerConfig server) {
    return new TlsRptConfig(
        false, // enabled
        server.hostname(), // organization_name
        "postmaster@" + server.hostname(), // contact_info
        server.hostname(), // submitter
        Duration.ofHours(4), // max_delay
        server.dataDir().resolve("tlsrpt"), // store_dir
        null); // ca_file: the JDK's trust store
  }

  /**
   * MTA-STS policy hosting is off; when turned on it serves a {@code testing} policy (senders
   * report but still deliver, the safe first step of RFC 8461 §5) naming the server's host name as
   * the only MX, cached for a week, for the local domains, on 127.0.0.1:8443 with the SMTP
   * certificate.
   */
  public static MtaStsPolicyConfig mtaStsPolicy(ServerConfig server, LocalConfig local) {
    return new MtaStsPolicyConfig(
        false, // enabled
        new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 8443), // listen
        null, // cert_file: the SMTP server's certificate
        null, // key_file
        MtaStsMode.TESTING, // mode
        List.of(server.hostname()), // mx
        604_800L, // max_age: one week
        local.domains(), // domains
        List.of()); // tlsrpt_rua: none
  }

  /** {@code [delivery] connection_reuse_time}: a session waits this long for the next message. */
  public static final Duration CONNECTION_REUSE_TIME = Duration.ofSeconds(5);

  /** {@code [delivery] max_messages_per_connection}. */
  public static final int MAX_MESSAGES_PER_CONNECTION = 100;

  /** Mail leaves through MX hosts with opportunistic TLS; REQUIRETLS is enforced. */
  public static DeliveryConfig delivery() {
    return new DeliveryConfig(
        true, // enabled
        25, // port
        null, // helo_name: server.hostname
        null, // smart_host: none, MX routing
        null, // ca_file: the JDK's trust store
        Duration.ofSeconds(30), // connect_timeout
        Duration.ofMinutes(5), // command_timeout (RFC 5321 §4.5.3.2)
        TlsPolicyLevel.DANE, // tls: opportunistic DANE, else opportunistic TLS
        RequireTlsMode.ENFORCE, // requiretls
        List.of(), // [[delivery.policy]]
        Path.of("mail"), // maildir_root, under data_dir
        true, // double_bounce_to_postmaster
        null, // smart_host_user: no AUTH
        null, // smart_host_password_file
        CONNECTION_REUSE_TIME, // connection_reuse_time
        MAX_MESSAGES_PER_CONNECTION, // max_messages_per_connection
        null); // source_address: the system's choice
  }

  /** MTA-STS policies are fetched (port 443, the JDK's trust store) and cached under the data dir. */
  public static MtaStsConfig mtaSts() {
    return new MtaStsConfig(
        true, // enabled
        443, // port
        null, // ca_file: the JDK's trust store
        Path.of("mta-sts"), // cache_dir, under data_dir
        Duration.ofSeconds(60), // fetch_timeout (RFC 8461 §3.3)
        64 * 1024); // max_policy_size (RFC 8461 §3.3)
  }

  /** {@link #mtaSts()} with its cache folder resolved against {@code dataDir}. */
  public static MtaStsConfig mtaSts(Path dataDir) {
    MtaStsConfig d = mtaSts();
    return new MtaStsConfig(d.enabled(), d.port(), d.caFile(), dataDir.resolve(d.cacheDir()),
        d.fetchTimeout(), d.maxPolicySize());
  }
}
