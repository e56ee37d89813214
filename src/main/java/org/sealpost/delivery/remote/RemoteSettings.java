package org.sealpost.delivery.remote;

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
    @Nullable SmartHostLogin smartHostLogin) {

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
  }
}
