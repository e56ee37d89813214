package org.sealpost.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code [delivery]}: how queued mail leaves.
 *
 * @param enabled false keeps every message in the queue (accept only; nothing is delivered)
 * @param port the SMTP port of remote hosts
 * @param heloName the name given in EHLO to remote hosts; null for {@code server.hostname}
 * @param smartHost {@code host} or {@code host:port} that takes all remote mail; null for MX
 *     routing
 * @param caFile PEM certificates that remote servers' certificates must chain to; null for the
 *     JDK's trust store
 * @param connectTimeout TCP connect limit per address
 * @param commandTimeout limit for each reply of a remote server
 * @param tls the TLS level for destinations not listed in {@code policies}
 * @param requireTls what REQUIRETLS messages get at destinations not listed in {@code policies}
 * @param policies per-destination overrides
 * @param maildirRoot where local mailboxes live ({@code <root>/<mailbox>/Maildir/})
 * @param doubleBounceToPostmaster whether a failed bounce is reported to the local postmaster
 * @param smartHostUser the AUTH user name at the smart host; null for no AUTH
 * @param smartHostPasswordFile a file holding that user's password (one line)
 * @param connectionReuseTime how long an outbound session waits, after a transaction, for the next
 *     message to the same host under the same TLS requirement; zero: no reuse
 * @param maxMessagesPerConnection transactions one outbound session carries at most (1: no reuse)
 * @param sourceAddress the local address outbound connections come from; null for the system's
 *     choice
 */
public record DeliveryConfig(
    boolean enabled,
    int port,
    @Nullable String heloName,
    @Nullable SmartHost smartHost,
    @Nullable Path caFile,
    Duration connectTimeout,
    Duration commandTimeout,
    TlsPolicyLevel tls,
    RequireTlsMode requireTls,
    List<DestinationTlsConfig> policies,
    Path maildirRoot,
    boolean doubleBounceToPostmaster,
    @Nullable String smartHostUser,
    @Nullable Path smartHostPasswordFile,
    Duration connectionReuseTime,
    int maxMessagesPerConnection,
    @Nullable InetAddress sourceAddress) {

  public DeliveryConfig {
    policies = List.copyOf(policies);
  }

  /** The settings above with the default connection reuse and no source address. */
  public DeliveryConfig(boolean enabled, int port, @Nullable String heloName, @Nullable SmartHost smartHost,
      @Nullable Path caFile, Duration connectTimeout, Duration commandTimeout, TlsPolicyLevel tls,
      RequireTlsMode requireTls, List<DestinationTlsConfig> policies, Path maildirRoot,
      boolean doubleBounceToPostmaster, @Nullable String smartHostUser, @Nullable Path smartHostPasswordFile) {
    this(enabled, port, heloName, smartHost, caFile, connectTimeout, commandTimeout, tls, requireTls,
        policies, maildirRoot, doubleBounceToPostmaster, smartHostUser, smartHostPasswordFile,
        Defaults.CONNECTION_REUSE_TIME, Defaults.MAX_MESSAGES_PER_CONNECTION, null);
  }

  /** The same settings with delivery switched on or off. */
  public DeliveryConfig withEnabled(boolean on) {
    return new DeliveryConfig(on, port, heloName, smartHost, caFile, connectTimeout, commandTimeout,
        tls, requireTls, policies, maildirRoot, doubleBounceToPostmaster, smartHostUser,
        smartHostPasswordFile, connectionReuseTime, maxMessagesPerConnection, sourceAddress);
  }

  /** The same settings with another maildir root (resolved against the data dir). */
  public DeliveryConfig withMaildirRoot(Path root) {
    return new DeliveryConfig(enabled, port, heloName, smartHost, caFile, connectTimeout,
        commandTimeout, tls, requireTls, policies, root, doubleBounceToPostmaster, smartHostUser,
        smartHostPasswordFile, connectionReuseTime, maxMessagesPerConnection, sourceAddress);
  }
}
