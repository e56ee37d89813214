package org.sealpost.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link SealpostConfig} as TOML that {@link ConfigLoader} reads back to an equal config
 * ({@code sealpost config defaults}). Durations and sizes use the largest exact unit.
 */
public final class TomlWriter {

  private TomlWriter() {}

  /** The whole configuration as a TOML document, one commented table per record. */
  public static String write(SealpostConfig c) {
    StringBuilder out = new StringBuilder();
    out.append("# Sealpost configuration. Relative paths are relative to this file's folder,\n")
        .append("# except spool.directory and delivery.maildir_root, which are relative to\n")
        .append("# server.data_dir.\n\n");
    out.append("[server]\n");
    kv(out, "hostname", quote(c.server().hostname()));
    kv(out, "data_dir", path(c.server().dataDir()));
    for (ListenerConfig l : c.listeners()) {
      out.append("\n[[listener]]\n");
      kv(out, "name", quote(l.name()));
      kv(out, "kind", quote(l.kind().code()));
      kv(out, "address", quote(l.address()));
      kv(out, "port", Integer.toString(l.port()));
    }
    TlsConfig t = c.tls();
    out.append("\n[tls]\n");
    optional(out, "certificate", t.certificate(), "cert.pem");
    optional(out, "private_key", t.privateKey(), "key.pem");
    kv(out, "self_signed", Boolean.toString(t.selfSigned()));
    kv(out, "min_version", quote(t.minVersion()));
    kv(out, "handshake_timeout", quote(duration(t.handshakeTimeout())));
    kv(out, "reload_interval", quote(duration(t.reloadInterval())));
    LimitsConfig l = c.limits();
    out.append("\n[limits]\n");
    kv(out, "max_connections", Integer.toString(l.maxConnections()));
    kv(out, "max_connections_per_ip", Integer.toString(l.maxConnectionsPerIp()));
    kv(out, "max_recipients", Integer.toString(l.maxRecipients()));
    kv(out, "max_message_size", size(l.maxMessageSize()));
    kv(out, "max_errors", Integer.toString(l.maxErrors()));
    kv(out, "max_commands", Integer.toString(l.maxCommands()));
    kv(out, "idle_timeout", quote(duration(l.idleTimeout())));
    kv(out, "session_timeout", quote(duration(l.sessionTimeout())));
    kv(out, "max_received_headers", Integer.toString(l.maxReceivedHeaders()));
    kv(out, "max_header_bytes", size(l.maxHeaderBytes()));
    out.append("\n[local]\n");
    kv(out, "domains", strings(c.local().domains().stream().map(Object::toString).toList()));
    kv(out, "mailboxes", strings(c.local().mailboxes()));
    kv(out, "postmaster", quote(c.local().postmaster()));
    out.append("\n[relay]\n");
    kv(out, "trusted_networks",
        strings(c.relay().trustedNetworks().stream().map(Object::toString).toList()));
    if (c.auth().users().isEmpty()) {
      out.append("\n# [[auth.user]]\n# name = \"alice\"\n")
          .append("# password_hash = \"pbkdf2-sha256$...\"   # from `sealpost passwd`\n");
    }
    for (UserConfig u : c.auth().users()) {
      out.append("\n[[auth.user]]\n");
      kv(out, "name", quote(u.name()));
      kv(out, "password_hash", quote(u.passwordHash()));
    }
    out.append("\n[requiretls]\n");
    kv(out, "draft_syntax", quote(c.requireTls().draftSyntax().code()));
    out.append("\n[spool]\n");
    kv(out, "directory", underDataDir(c, c.spool().directory()));
    DnsConfig d = c.dns();
    out.append("\n[dns]\n");
    kv(out, "mode", quote(d.mode().code()));
    kv(out, "resolvers", strings(d.resolvers()));
    optional(out, "trust_anchor", d.trustAnchor(), "root.key");
    kv(out, "allow_remote_ad", Boolean.toString(d.allowRemoteAd()));
    kv(out, "timeout", quote(duration(d.timeout())));
    kv(out, "retries", Integer.toString(d.retries()));
    kv(out, "cache_size", Integer.toString(d.cacheSize()));
    QueueConfig q = c.queue();
    out.append("\n[queue]\n");
    kv(out, "retry_intervals",
        strings(q.retryIntervals().stream().map(TomlWriter::duration).toList()));
    kv(out, "max_lifetime", quote(duration(q.maxLifetime())));
    kv(out, "bounce_lifetime", quote(duration(q.bounceLifetime())));
    kv(out, "delay_notice_after", quote(duration(q.delayNoticeAfter())));
    kv(out, "concurrency", Integer.toString(q.concurrency()));
    kv(out, "concurrency_per_destination", Integer.toString(q.concurrencyPerDestination()));
    delivery(out, c);
    mtaSts(out, c);
    mtaStsPolicy(out, c.mtaStsPolicy());
    DsnConfig dsn = c.dsn();
    out.append("\n[dsn]\n");
    kv(out, "max_per_sender_per_hour", Integer.toString(dsn.maxPerSenderPerHour()));
    kv(out, "max_per_minute", Integer.toString(dsn.maxPerMinute()));
    kv(out, "max_full_return_size", size(dsn.maxFullReturnSize()));
    TlsRptConfig r = c.tlsRpt();
    out.append("\n[tlsrpt]\n");
    kv(out, "enabled", Boolean.toString(r.enabled()));
    kv(out, "organization_name", quote(r.organizationName()));
    kv(out, "contact_info", quote(r.contactInfo()));
    kv(out, "submitter", quote(r.submitter()));
    kv(out, "max_delay", quote(duration(r.maxDelay())));
    kv(out, "store_dir", underDataDir(c, r.storeDir()));
    optional(out, "ca_file", r.caFile(), "tlsrpt-ca.pem");
    out.append("\n[log]\n");
    kv(out, "level", quote(c.log().level()));
    kv(out, "transcript", Boolean.toString(c.log().transcript()));
    return out.toString();
  }

  private static void delivery(StringBuilder out, SealpostConfig c) {
    DeliveryConfig d = c.delivery();
    out.append("\n[delivery]\n");
    kv(out, "enabled", Boolean.toString(d.enabled()));
    kv(out, "port", Integer.toString(d.port()));
    optional(out, "helo_name", d.heloName(), "mx.example.org");
    optional(out, "smart_host", d.smartHost() == null ? null : d.smartHost().toString(), "relay.example.net:587");
    optional(out, "ca_file", d.caFile(), "ca.pem");
    kv(out, "connect_timeout", quote(duration(d.connectTimeout())));
    kv(out, "command_timeout", quote(duration(d.commandTimeout())));
    kv(out, "tls", quote(d.tls().code()));
    kv(out, "requiretls", quote(d.requireTls().code()));
    kv(out, "maildir_root", underDataDir(c, d.maildirRoot()));
    kv(out, "double_bounce_to_postmaster", Boolean.toString(d.doubleBounceToPostmaster()));
    optional(out, "smart_host_user", d.smartHostUser(), "sealpost");
    optional(out, "smart_host_password_file", d.smartHostPasswordFile(), "smart-host.password");
    kv(out, "connection_reuse_time", quote(duration(d.connectionReuseTime())));
    kv(out, "max_messages_per_connection", Integer.toString(d.maxMessagesPerConnection()));
    optional(out, "source_address", d.sourceAddress() == null ? null : d.sourceAddress().getHostAddress(),
        "192.0.2.25");
    if (d.policies().isEmpty()) {
      out.append("\n# [[delivery.policy]]   # one table per destination domain\n")
          .append("# domain = \"example.com\"\n# tls = \"verify\"\n# requiretls = \"enforce\"\n");
    }
    for (DestinationTlsConfig p : d.policies()) {
      out.append("\n[[delivery.policy]]\n");
      kv(out, "domain", quote(p.domain()));
      kv(out, "tls", quote(p.tls().code()));
      kv(out, "requiretls", quote(p.requireTls().code()));
    }
  }

  private static void mtaSts(StringBuilder out, SealpostConfig c) {
    MtaStsConfig m = c.mtaSts();
    out.append("\n[mta_sts]\n");
    kv(out, "enabled", Boolean.toString(m.enabled()));
    kv(out, "port", Integer.toString(m.port()));
    optional(out, "ca_file", m.caFile(), "mta-sts-ca.pem");
    kv(out, "cache_dir", underDataDir(c, m.cacheDir()));
    kv(out, "fetch_timeout", quote(duration(m.fetchTimeout())));
    kv(out, "max_policy_size", size(m.maxPolicySize()));
  }

  private static void mtaStsPolicy(StringBuilder out, MtaStsPolicyConfig p) {
    out.append("\n[mta_sts_policy]\n");
    kv(out, "enabled", Boolean.toString(p.enabled()));
    String ip = p.listen().getAddress().getHostAddress();
    kv(out, "listen", quote((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + p.listen().getPort()));
    optional(out, "cert_file", p.certFile(), "mta-sts-cert.pem");
    optional(out, "key_file", p.keyFile(), "mta-sts-key.pem");
    kv(out, "mode", quote(p.mode().code()));
    kv(out, "mx", strings(p.mx()));
    kv(out, "max_age", Long.toString(p.maxAge()));
    kv(out, "domains", strings(p.domains().stream().map(Object::toString).toList()));
    kv(out, "tlsrpt_rua", strings(p.tlsrptRua().stream().map(Object::toString).toList()));
  }

  /**
   * A path the loader resolves against {@code data_dir}: relative to it when below it, so that
   * the defaults (data_dir {@code "var"}) are not written as {@code "var/spool"} and read back as
   * {@code var/var/spool}.
   */
  private static String underDataDir(SealpostConfig c, Path p) {
    Path dataDir = c.server().dataDir();
    return p.startsWith(dataDir) && !p.equals(dataDir) ? path(dataDir.relativize(p)) : path(p);
  }

  private static void optional(StringBuilder out, String key, @Nullable String value,
      String example) {
    if (value == null) {
      out.append("# ").append(key).append(" = ").append(quote(example)).append("   # unset\n");
    } else {
      kv(out, key, quote(value));
    }
  }

  private static void kv(StringBuilder out, String key, String value) {
    out.append(key).append(" = ").append(value).append('\n');
  }

  private static void optional(StringBuilder out, String key, @Nullable Path p, String example) {
    if (p == null) {
      out.append("# ").append(key).append(" = ").append(quote(example)).append("   # unset\n");
    } else {
      kv(out, key, path(p));
    }
  }

  private static String path(Path p) {
    return quote(p.toString());
  }

  private static String strings(List<String> items) {
    return items.stream().map(TomlWriter::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A TOML basic string. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append("\\u%04X".formatted((int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** {@code "30s"}, {@code "5m"}, ...: the largest unit that divides exactly. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }

  /** {@code "50MiB"} when a binary unit divides exactly, else the byte count. */
  static String size(long bytes) {
    String[] names = {"GiB", "MiB", "KiB"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < names.length; i++) {
      if (bytes % (1L << shifts[i]) == 0) {
        return quote((bytes >> shifts[i]) + names[i]);
      }
    }
    return Long.toString(bytes);
  }
}
