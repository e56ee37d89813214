package org.sealpost.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * One next-hop host with its address lookups. {@code mxSecurity} is the security of the MX answer
 * (or of the NODATA that made this an implicit MX); {@link #chainSecurity()} also counts the
 * address answers, so a secure MX whose target's A record is insecure is insecure as a whole
 * (RFC 7672 §2.2.2: no TLSA lookup for such a host).
 */
public record MxHost(
    Domain name,
    int preference,
    DnsResult<InetAddress> ipv4,
    DnsResult<InetAddress> ipv6,
    Security mxSecurity) {

  /** IPv4 addresses first, then IPv6 (a project choice; loopback test universes are IPv4). */
  public List<InetAddress> addresses() {
    List<InetAddress> out = new ArrayList<>(ipv4.records());
    out.addAll(ipv6.records());
    return out;
  }

  /**
   * The security of the address answers that have records; when neither has, of both negative
   * answers; null when a lookup failed and no address was found (the host is unreachable).
   */
  public @Nullable Security addressSecurity() {
    boolean v4 = !ipv4.records().isEmpty();
    boolean v6 = !ipv6.records().isEmpty();
    if (v4 && v6) {
      return ipv4.security().and(ipv6.security());
    }
    if (v4) {
      return ipv4.security();
    }
    if (v6) {
      return ipv6.security();
    }
    Security s4 = ipv4.security();
    Security s6 = ipv6.security();
    return s4 == null || s6 == null ? null : s4.and(s6);
  }

  /** MX and address answers together; INSECURE when any link is insecure or failed. */
  public Security chainSecurity() {
    Security a = addressSecurity();
    return a == null ? Security.INSECURE : mxSecurity.and(a);
  }

  /** A failed address lookup, if any: BOGUS, SERVFAIL or TIMEOUT (RFC 7672 §2.1.2). */
  public @Nullable DnsResult<InetAddress> addressFailure() {
    if (ipv4.isFailure()) {
      return ipv4;
    }
    return ipv6.isFailure() ? ipv6 : null;
  }
}
