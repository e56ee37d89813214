package org.sealpost.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range in CIDR notation ({@code 127.0.0.0/8}, {@code ::1/128}). */
public record NetworkRange(InetAddress network, int prefixLength) {

  public static NetworkRange parse(String text) {
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    if (!host.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IP address range: \"" + text + "\"");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address range: \"" + text + "\"", e);
    }
    int bits = address.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in \"" + text + "\"", e);
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length out of range in \"" + text + "\"");
      }
    }
    return new NetworkRange(address, prefix);
  }

  public boolean contains(InetAddress candidate) {
    byte[] net = network.getAddress();
    byte[] addr = candidate.getAddress();
    if (net.length != addr.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (net[i] != addr[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (net[full] & mask) == (addr[full] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
