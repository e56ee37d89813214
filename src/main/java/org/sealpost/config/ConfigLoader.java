package org.sealpost.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * Reads {@code sealpost.toml} into a {@link SealpostConfig}. Every key is optional (an empty file
 * gives {@link Defaults#config()}); an unknown table or key, a value of the wrong type or range, or
 * an inconsistent combination stops start-up with a {@link ConfigException} whose message is
 * {@code FILE:LINE: what is wrong}.
 *
 * <p>Paths: {@code server.data_dir}, {@code tls.certificate}, {@code tls.private_key}, {@code
 * dns.trust_anchor} and {@code delivery.ca_file} are relative to the folder of the config file;
 * {@code spool.directory} and {@code delivery.maildir_root} are relative to {@code data_dir}. The
 * loaded config holds absolute, normalised paths.
 */
public final class ConfigLoader {

  static final List<String> TABLES = List.of(
      "server", "listener", "tls", "limits", "local", "relay", "auth", "requiretls", "spool", "dns",
      "log", "queue", "delivery", "mta_sts", "mta_sts_policy", "dsn", "tlsrpt");

  private final String file;
  private final Path base;

  private ConfigLoader(String file, Path base) {
    this.file = file;
    this.base = base;
  }

  /** Loads {@code file}; the file name in error messages is {@code file} as given. */
  public static SealpostConfig load(Path file) throws ConfigException {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name, 0, "no such file");
    } catch (MalformedInputException e) {
      throw new ConfigException(name, 0, "not valid UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(name, 0, "cannot read: " + e);
    }
    Path folder = file.toAbsolutePath().getParent();
    return parse(name, text, folder == null ? Path.of("/") : folder);
  }

  /** Parses {@code text} as if read from {@code file}; relative paths resolve against {@code base}. */
  static SealpostConfig parse(String file, String text, Path base) throws ConfigException {
    TomlValue.Table root = TomlReader.parse(file, text);
    return new ConfigLoader(file, base.toAbsolutePath().normalize()).read(root);
  }

  private SealpostConfig read(TomlValue.Table root) throws ConfigException {
    Map<String, TomlValue.Table> tables = ConfigTables.split(file, root);
    ServerConfig server = server(section(tables, "server", "hostname", "data_dir"));
    TlsConfig tls = tls(section(tables, "tls", "certificate", "private_key", "min_version",
        "handshake_timeout", "reload_interval", "self_signed"));
    List<ListenerConfig> listeners = root.entries().get("listener") instanceof TomlValue.TableArray a
        ? ListenerRules.read(file, a, tls)
        : Defaults.listeners();
    LimitsConfig limits = LimitsRules.read(section(tables, "limits", LimitsRules.KEYS));
    LocalConfig local = local(section(tables, "local", "domains", "mailboxes", "postmaster"));
    RelayConfig relay = new RelayConfig(section(tables, "relay", "trusted_networks")
        .list("trusted_networks", Defaults.relay().trustedNetworks(), NetworkRange::parse));
    AuthConfig auth = AuthRules.read(file, tables.get("auth"));
    RequireTlsConfig requireTls = new RequireTlsConfig(section(tables, "requiretls", "draft_syntax")
        .choice("draft_syntax", Defaults.requireTls().draftSyntax(), DraftSyntax::fromCode));
    TomlSection spoolSection = section(tables, "spool", "directory");
    SpoolConfig spool = new SpoolConfig(server.dataDir().resolve(
        path(spoolSection, "directory", Defaults.spool().directory(), server.dataDir())));
    DnsConfig dns = DnsRules.read(section(tables, "dns", DnsRules.KEYS), base);
    TomlSection logSection = section(tables, "log", "level", "transcript");
    LogConfig log = new LogConfig(
        logSection.choice("level", Defaults.log().level(), ConfigLoader::logLevel),
        logSection.bool("transcript", Defaults.log().transcript()));
    QueueConfig queue = QueueRules.read(section(tables, "queue", QueueRules.KEYS));
    DeliveryConfig delivery = DeliveryRules.read(file, tables.get("delivery"), base, server.dataDir());
    MtaStsConfig mtaSts = MtaStsRules.read(section(tables, "mta_sts", MtaStsRules.KEYS), base, server.dataDir());
    MtaStsPolicyConfig mtaStsPolicy = MtaStsPolicyRules.read(section(tables, "mta_sts_policy",
        MtaStsPolicyRules.KEYS), new MtaStsPolicyRules.Context(server, local, tls, listeners, base));
    DsnConfig dsn = DsnRules.read(section(tables, "dsn", DsnRules.KEYS));
    TlsRptConfig tlsRpt = TlsRptRules.read(section(tables, "tlsrpt", TlsRptRules.KEYS), server, base);
    return new SealpostConfig(
        server, listeners, tls, limits, local, relay, auth, requireTls, spool, dns, log, queue,
        delivery, mtaSts, mtaStsPolicy, dsn, tlsRpt);
  }

  private TomlSection section(Map<String, TomlValue.Table> tables, String name, String... keys)
      throws ConfigException {
    return section(tables, name, List.of(keys));
  }

  private TomlSection section(Map<String, TomlValue.Table> tables, String name, List<String> keys)
      throws ConfigException {
    TomlValue.Table t = tables.getOrDefault(name, new TomlValue.Table(name, Map.of(), 0));
    return TomlSection.of(file, "[" + name + "]", t, keys);
  }

  private ServerConfig server(TomlSection s) throws ConfigException {
    String hostname = s.nonEmptyString("hostname", Defaults.server().hostname());
    Domain name;
    try {
      name = Domain.of(hostname);
    } catch (IllegalArgumentException e) {
      throw s.error("hostname", "not a valid host name: \"" + hostname + "\"");
    }
    if (name.isAddressLiteral()) {
      throw s.error("hostname", "expected a host name, got an address literal \"" + hostname + "\"");
    }
    return new ServerConfig(name.name(), path(s, "data_dir", Defaults.server().dataDir(), base));
  }

  private TlsConfig tls(TomlSection s) throws ConfigException {
    TlsConfig d = Defaults.tls();
    @Nullable Path certificate = s.has("certificate") ? path(s, "certificate", Path.of(""), base) : null;
    @Nullable Path key = s.has("private_key") ? path(s, "private_key", Path.of(""), base) : null;
    if (certificate != null && key == null) {
      throw s.error("certificate", "is set but private_key is not (set both, or neither to use a "
          + "self-signed certificate)");
    }
    if (key != null && certificate == null) {
      throw s.error("private_key", "is set but certificate is not (set both, or neither to use a "
          + "self-signed certificate)");
    }
    String minVersion = s.choice("min_version", d.minVersion(), v -> switch (v) {
      case "TLSv1.2", "TLSv1.3" -> v;
      default -> throw new IllegalArgumentException(
          "expected \"TLSv1.2\" or \"TLSv1.3\", got \"" + v + "\"");
    });
    Duration handshake = s.duration("handshake_timeout", d.handshakeTimeout(), false);
    Duration reload = s.duration("reload_interval", d.reloadInterval(), true);
    return new TlsConfig(certificate, key, minVersion, handshake, reload,
        s.bool("self_signed", d.selfSigned()));
  }

  private LocalConfig local(TomlSection s) throws ConfigException {
    LocalConfig d = Defaults.local();
    List<Domain> domains = s.list("domains", d.domains(), text -> {
      try {
        return Domain.of(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a valid domain: \"" + text + "\"", e);
      }
    });
    List<String> mailboxes = s.list("mailboxes", d.mailboxes(), ConfigLoader::mailbox);
    String postmaster = s.nonEmptyString("postmaster", d.postmaster());
    if (mailboxes.stream().noneMatch(postmaster::equalsIgnoreCase)) {
      throw s.error("postmaster", "mailbox \"" + postmaster + "\" is not in mailboxes "
          + "(add it there, or set postmaster to one of: " + String.join(", ", mailboxes) + ")");
    }
    return new LocalConfig(domains, mailboxes, postmaster);
  }

  /** A local part in dot-atom form (RFC 5321 §4.1.2). */
  private static String mailbox(String text) {
    if (!text.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
        || text.length() > 64) {
      throw new IllegalArgumentException("not a valid mailbox (local part): \"" + text + "\"");
    }
    return text;
  }

  private static String logLevel(String level) {
    return switch (level) {
      case "error", "warn", "info", "debug", "trace" -> level;
      default -> throw new IllegalArgumentException(
          "expected \"error\", \"warn\", \"info\", \"debug\" or \"trace\", got \"" + level + "\"");
    };
  }

  /** A non-empty path string resolved against {@code against}; absent: {@code dflt} resolved. */
  static Path path(TomlSection s, String key, Path dflt, Path against) throws ConfigException {
    String text = s.has(key) ? s.nonEmptyString(key, "") : dflt.toString();
    Path p;
    try {
      p = Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw s.error(key, "not a valid path: \"" + text + "\"");
    }
    return against.resolve(p).normalize();
  }
}
