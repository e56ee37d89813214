package org.sealpost.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.sealpost.Main;
import org.sealpost.config.AuthConfig;
import org.sealpost.config.Defaults;
import org.sealpost.config.DeliveryConfig;
import org.sealpost.config.DnsConfig;
import org.sealpost.config.DnsMode;
import org.sealpost.config.LimitsConfig;
import org.sealpost.config.ListenerConfig;
import org.sealpost.config.ListenerKind;
import org.sealpost.config.LocalConfig;
import org.sealpost.config.LogConfig;
import org.sealpost.config.MtaStsConfig;
import org.sealpost.config.MtaStsPolicyConfig;
import org.sealpost.config.NetworkRange;
import org.sealpost.config.PasswordHash;
import org.sealpost.config.RelayConfig;
import org.sealpost.config.SealpostConfig;
import org.sealpost.config.ServerConfig;
import org.sealpost.config.SpoolConfig;
import org.sealpost.config.TlsConfig;
import org.sealpost.config.UserConfig;
import org.sealpost.mail.Domain;
import org.sealpost.queue.QueueEntry;
import org.sealpost.queue.Spool;
import org.sealpost.smtp.client.ClientOptions;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.tls.TestPki;
import org.sealpost.tls.TlsMaterialException;

/**
 * A real Sealpost running in this JVM for integration tests: the three listeners (smtp,
 * submission, submissions) on port 0 of one 127.0.0.x address, a certificate for {@link #HOSTNAME}
 * issued by a fresh {@link TestPki}, data dir and spool under the given folder, one AUTH user, and
 * the local domain {@link #LOCAL_DOMAIN} with mailboxes {@code alice}, {@code bob} and
 * {@code postmaster}. Nobody may relay without AUTH (no trusted networks), as on a public MX, and
 * DNS is off unless a test configures it.
 *
 * <pre>{@code
 * try (SealpostInstance mta = SealpostInstance.builder(tempDir).idleTimeout(Duration.ofSeconds(1)).start();
 *      SmtpClient c = mta.connectStartTls(ListenerKind.SMTP)) {   // EHLO, verified STARTTLS, EHLO
 *   c.mail("a@remote.test", List.of("REQUIRETLS"));
 *   ...
 *   List<QueueEntry> queued = mta.queued();                     // Spool.inspect of the live spool
 * }
 * }</pre>
 *
 * Clients get a 10 s read timeout, so a server that stays silent fails the test instead of hanging it.
 */
public final class SealpostInstance implements AutoCloseable {

  /** The server's name: greeting, EHLO, Received, and the certificate's only DNS-ID. */
  public static final String HOSTNAME = "mx.sealpost.test";
  /** The domain the instance is the final destination for. */
  public static final String LOCAL_DOMAIN = "sealpost.test";
  /** The one AUTH user and its password. */
  public static final String USER = "carol";
  public static final String PASSWORD = "correct horse battery staple";
  /** What clients say in EHLO. */
  public static final String CLIENT_NAME = "client.example.test";

  private static @Nullable String passwordHash; // PBKDF2 is slow on purpose: hash once per JVM

  private final SealpostConfig config;
  private final TestPki pki;
  private final TestPki.Pem certificateFiles;
  private final Main.Running running;
  private final SSLContext clientContext;

  private SealpostInstance(SealpostConfig config, TestPki pki, TestPki.Pem files, Main.Running running) {
    this.config = config;
    this.pki = pki;
    this.certificateFiles = files;
    this.running = running;
    this.clientContext = pki.clientContext();
  }

  /** The server's name ({@link #HOSTNAME} unless the builder changed it). */
  public String hostname() {
    return config.server().hostname();
  }

  /** Where local mailboxes are delivered when delivery is on. */
  public Path maildir(String mailbox) {
    return config.delivery().maildirRoot().resolve(mailbox).resolve("Maildir");
  }

  /** Settings for an instance whose files all live under {@code dir} (use a {@code @TempDir}). */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Where the listener of this kind listens (every kind has one listener, named by its code). */
  public InetSocketAddress address(ListenerKind kind) {
    return new InetSocketAddress(listenAddress(), running.smtp().port(kind.code()));
  }

  /** A plaintext connection (greeting read); on submissions use {@link #connectImplicitTls}. */
  public SmtpClient connect(ListenerKind kind) throws IOException {
    return SmtpClient.connect(address(kind), clientOptions());
  }

  /** An implicit-TLS connection (RFC 8314) that verified the certificate and the host name. */
  public SmtpClient connectImplicitTls(ListenerKind kind) throws IOException {
    return SmtpClient.connectTls(address(kind), clientOptions(), clientContext, verifyingParameters(), hostname());
  }

  /** EHLO, STARTTLS with certificate and host-name verification, EHLO again (TLS-6). */
  public SmtpClient connectStartTls(ListenerKind kind) throws IOException {
    SmtpClient c = connect(kind);
    try {
      c.ehlo(CLIENT_NAME);
      var reply = c.startTls(clientContext, verifyingParameters(), hostname());
      if (reply.code() != 220) {
        throw new IOException("STARTTLS refused: " + reply);
      }
      c.ehlo(CLIENT_NAME);
      return c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public ClientOptions clientOptions() {
    return ClientOptions.defaults().withReadTimeout(Duration.ofSeconds(10));
  }

  /** Trusts only the test CA that issued the server certificate. */
  public SSLContext clientContext() {
    return clientContext;
  }

  /** Parameters that make JSSE check the certificate's DNS-ID against the name we connect to. */
  public static SSLParameters verifyingParameters() {
    SSLParameters p = new SSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    return p;
  }

  public TestPki pki() {
    return pki;
  }

  /** The PEM files the server loads ({@code tls.certificate}, {@code tls.private_key}). */
  public TestPki.Pem certificateFiles() {
    return certificateFiles;
  }

  /**
   * Where the MTA-STS policy host ({@code [mta_sts_policy]}) listens, with its real port; empty
   * when the builder did not enable it.
   */
  public Optional<InetSocketAddress> stsPolicyAddress() {
    var sts = running.stsPolicy();
    return sts == null ? Optional.empty() : Optional.of(sts.address());
  }

  public Path spoolDirectory() {
    return config.spool().directory();
  }

  /** Every committed message, read without disturbing the running server. */
  public List<QueueEntry> queued() {
    try {
      return Spool.inspect(spoolDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SealpostConfig config() {
    return config;
  }

  private String listenAddress() {
    return config.listeners().getFirst().address();
  }

  @Override
  public void close() {
    running.close();
  }

  /** Test-relevant knobs; everything else is {@link Defaults}. */
  public static final class Builder {
    private final Path dir;
    private String address = "127.0.0.42";
    private LimitsConfig limits = Defaults.limits();
    private Duration tlsReloadInterval = Duration.ZERO;
    private List<NetworkRange> trustedNetworks = List.of();
    // Receiving needs no DNS; "off" also skips the start-up DNSSEC probe of a resolver we lack.
    private DeliveryConfig delivery = Defaults.delivery().withEnabled(false);
    private TestPki pki = TestPki.create();
    private String hostname = HOSTNAME;
    private String localDomain = LOCAL_DOMAIN;
    private TestPki.@Nullable Issued certificate;
    private @Nullable MtaStsFetch mtaStsFetch;
    private @Nullable MtaStsPolicyConfig mtaStsPolicy;

    /** {@code [mta_sts] port} and {@code ca_file}: where and with which trust policies are fetched. */
    private record MtaStsFetch(int port, Path caFile) {}

    /** The CA that issues the instance's certificate (default: a new one), so instances can trust each other. */
    public Builder pki(TestPki ca) {
      this.pki = ca;
      return this;
    }

    /** The server name and certificate name (default {@link #HOSTNAME}). */
    public Builder hostname(String name) {
      this.hostname = name;
      return this;
    }

    /** The local domain (default {@link #LOCAL_DOMAIN}). */
    public Builder localDomain(String domain) {
      this.localDomain = domain;
      return this;
    }

    /**
     * The server certificate (default: one from {@link #pki} for the host name), e.g. a
     * self-signed one that only a DANE-EE TLSA record vouches for.
     */
    public Builder certificate(TestPki.Issued issued) {
      this.certificate = issued;
      return this;
    }

    /**
     * {@code [mta_sts]}: fetch policies from {@code port} of the policy hosts (instead of 443),
     * trusting the PEM certificates in {@code caFile}; the rest as {@link Defaults#mtaSts(Path)}.
     */
    public Builder mtaSts(int port, Path caFile) {
      this.mtaStsFetch = new MtaStsFetch(port, caFile);
      return this;
    }

    /** {@code [mta_sts_policy]}: the MTA-STS policy this instance publishes, and its HTTPS listener. */
    public Builder mtaStsPolicy(MtaStsPolicyConfig policy) {
      this.mtaStsPolicy = policy;
      return this;
    }

    private DnsConfig dns =
        new DnsConfig(DnsMode.OFF, List.of("127.0.0.1:53"), null, false, Duration.ofSeconds(2), 1, 1000);

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** The loopback address all listeners bind (default 127.0.0.42). */
    public Builder address(String loopback) {
      this.address = loopback;
      return this;
    }

    public Builder idleTimeout(Duration idle) {
      LimitsConfig l = limits;
      limits = new LimitsConfig(l.maxConnections(), l.maxConnectionsPerIp(), l.maxRecipients(),
          l.maxMessageSize(), l.maxErrors(), l.maxCommands(), idle, l.sessionTimeout(),
          l.maxReceivedHeaders(), l.maxHeaderBytes());
      return this;
    }

    public Builder sessionTimeout(Duration session) {
      LimitsConfig l = limits;
      limits = new LimitsConfig(l.maxConnections(), l.maxConnectionsPerIp(), l.maxRecipients(),
          l.maxMessageSize(), l.maxErrors(), l.maxCommands(), l.idleTimeout(), session,
          l.maxReceivedHeaders(), l.maxHeaderBytes());
      return this;
    }

    public Builder maxConnectionsPerIp(int perIp) {
      LimitsConfig l = limits;
      limits = new LimitsConfig(l.maxConnections(), perIp, l.maxRecipients(), l.maxMessageSize(),
          l.maxErrors(), l.maxCommands(), l.idleTimeout(), l.sessionTimeout(),
          l.maxReceivedHeaders(), l.maxHeaderBytes());
      return this;
    }

    /** How often the certificate files are checked for changes (default: never). */
    public Builder tlsReloadInterval(Duration every) {
      this.tlsReloadInterval = every;
      return this;
    }

    /** Networks that may relay without AUTH (default: none). */
    public Builder trustedNetworks(List<NetworkRange> networks) {
      this.trustedNetworks = List.copyOf(networks);
      return this;
    }

    /**
     * The {@code [delivery]} section. Default: delivery off, so what the tests send stays in the
     * spool for them to inspect.
     */
    public Builder delivery(DeliveryConfig config) {
      this.delivery = config;
      return this;
    }

    /** The {@code [dns]} section (default: mode off), e.g. a fake resolver for delivery tests. */
    public Builder dns(DnsConfig config) {
      this.dns = config;
      return this;
    }

    public SealpostInstance start() throws IOException, TlsMaterialException {
      TestPki.Issued issued = certificate != null ? certificate : pki.server(hostname);
      TestPki.Pem files = issued.writePem(dir.resolve("tls"));
      Path dataDir = dir.resolve("data");
      MtaStsConfig fetch = Defaults.mtaSts(dataDir);
      if (mtaStsFetch != null) {
        fetch = new MtaStsConfig(fetch.enabled(), mtaStsFetch.port(), mtaStsFetch.caFile(), fetch.cacheDir(),
            fetch.fetchTimeout(), fetch.maxPolicySize());
      }
      ServerConfig server = new ServerConfig(hostname, dataDir);
      // Everything under data_dir is named here; the rest keeps the built-in defaults.
      SealpostConfig config = SealpostConfig.defaults().toBuilder()
          .server(server)
          .listeners(List.of(
              new ListenerConfig(ListenerKind.SMTP.code(), ListenerKind.SMTP, address, 0),
              new ListenerConfig(ListenerKind.SUBMISSION.code(), ListenerKind.SUBMISSION, address, 0),
              new ListenerConfig(ListenerKind.SUBMISSIONS.code(), ListenerKind.SUBMISSIONS, address, 0)))
          .tls(new TlsConfig(files.certificate(), files.privateKey(), "TLSv1.2", Duration.ofSeconds(10),
              tlsReloadInterval, false))
          .limits(limits)
          .local(new LocalConfig(List.of(new Domain(localDomain)), List.of("postmaster", "alice", "bob", "carol"),
              "postmaster"))
          .relay(new RelayConfig(trustedNetworks))
          .auth(new AuthConfig(List.of(new UserConfig(USER, passwordHash()))))
          .spool(new SpoolConfig(dataDir.resolve("spool")))
          .dns(dns)
          .log(new LogConfig("info", false))
          .delivery(delivery.withMaildirRoot(dataDir.resolve("mail")))
          .mtaSts(fetch)
          .mtaStsPolicy(mtaStsPolicy != null ? mtaStsPolicy : Defaults.mtaStsPolicy(server, Defaults.local()))
          .tlsRpt(Defaults.tlsRpt(server))
          .build();
      return new SealpostInstance(config, pki, files, Main.start(config));
    }

    private static synchronized String passwordHash() {
      if (passwordHash == null) {
        passwordHash = PasswordHash.hash(PASSWORD.toCharArray());
      }
      return passwordHash;
    }
  }
}
