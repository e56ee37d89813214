package org.sealpost.delivery.remote;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import java.util.function.Function;
import org.sealpost.mail.Domain;
import org.sealpost.policy.DestinationPolicy;

/**
 * How remote delivery behaves.
 *
 * @param heloName the name Sealpost gives in EHLO
 * @param port the SMTP port of remote hosts (25; tests use others)
 * @param connectTimeout TCP connect limit per address
 * @param commandTimeout limit for each reply (RFC 5321 §4.5.3.2 asks for minutes)
 * @param maxAddressesPerHost addresses tried per host before moving on
 * @param policies the TLS policy for each destination domain (or smart host name)
 * @param ownNames this host's names: an MX with one of them is this host
 * @param ownEndpoints where this host listens: an MX address and port among them is this host
 * @param smartHostLogin credentials for AUTH at the smart host, or null for none
 * @param connectionReuseTime how long a session waits for the next message to the same hop under
 *     the same requirement; zero closes every session after its transaction
 * @param maxMessagesPerConnection transactions one session carries at most (1: no reuse)
 * @param sourceAddress the local address outbound connections are bound to, or null for the
 *     system's choice
 */
public record RemoteSettings(
    String heloName,
    int port,
    Duration connectTimeout,
    Duration commandTimeout,
    int maxAddressesPerHost,
    Function<Domain, DestinationPolicy> policies,
    Set<Domain> ownNames,
    Set<InetSocketAddress> ownEndpoints,
    @Nullable SmartHostLogin smartHostLogin,
    Duration connectionReuseTime,
    int maxMessagesPerConnection,
    @Nullable InetAddress sourceAddress) {

  /** AUTH at the smart host (RFC 4954), sent only inside TLS. */
  public record SmartHostLogin(String user, String password) {
    @Override
    public String toString() {
      return "SmartHostLogin[user=" + user + ", password=***]";
    }
  }

  public RemoteSettings {
    ownNames = Set.copyOf(ownNames);
    ownEndpoints = Set.copyOf(ownEndpoints);
    if (connectionReuseTime.isNegative() || maxMessagesPerConnection < 1) {
      throw new IllegalArgumentException("negative reuse time or fewer than 1 message per connection");
    }
  }

  /** Settings without session reuse and without a source address. */
  public RemoteSettings(String heloName, int port, Duration connectTimeout, Duration commandTimeout,
      int maxAddressesPerHost, Function<Domain, DestinationPolicy> policies, Set<Domain> ownNames,
      Set<InetSocketAddress> ownEndpoints, @Nullable SmartHostLogin smartHostLogin) {
    this(heloName, port, connectTimeout, commandTimeout, maxAddressesPerHost, policies, ownNames,
        ownEndpoints, smartHostLogin, Duration.ZERO, 1, null);
  }

  /** These settings with session reuse: at most {@code maxMessages} per session, idle {@code time}. */
  public RemoteSettings withReuse(Duration time, int maxMessages) {
    return new RemoteSettings(heloName, port, connectTimeout, commandTimeout, maxAddressesPerHost,
        policies, ownNames, ownEndpoints, smartHostLogin, time, maxMessages, sourceAddress);
  }
}
