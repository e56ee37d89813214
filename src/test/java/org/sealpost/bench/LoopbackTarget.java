package org.sealpost.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the generator sends: an address literal on loopback and a port. Anything else is refused,
 * names included, so that no typo and no resolver can send load off this machine.
 */
record LoopbackTarget(InetSocketAddress address) {

  LoopbackTarget {
    if (!address.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("not a loopback address: " + address);
    }
  }

  /**
   * Parses {@code 127.0.0.9:2525} or {@code [::1]:2525}.
   *
   * @throws IllegalArgumentException for names, non-loopback addresses, bad ports
   */
  static LoopbackTarget parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("want ADDRESS:PORT, got " + text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in " + text, e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range in " + text);
    }
    return new LoopbackTarget(new InetSocketAddress(literal(host), port));
  }

  /** An IPv4 or IPv6 literal, never a name: InetAddress would ask the resolver for a name. */
  private static InetAddress literal(String host) {
    boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.]+");
    if (!ipv4 && !ipv6) {
      throw new IllegalArgumentException("want an address literal on loopback, got " + host);
    }
    try {
      return InetAddress.getByName(host); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address " + host, e);
    }
  }

  @Override
  public String toString() {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
