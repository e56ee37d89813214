package org.sealpost.delivery.remote;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.MtaStsMode;
import org.sealpost.mail.Domain;
import org.sealpost.policy.NameValidation;

/**
 * One address of one candidate next hop.
 *
 * @param host the host name the certificate must name (MX name, smart host, or the domain itself)
 * @param address where to connect
 * @param port the SMTP port
 * @param name how the host name was validated (RT-21)
 * @param nextHopDomain the recipient domain (or smart host), for the {@code secure} level
 * @param dane the DANE check the session must pass (RFC 7672), or null when DANE does not apply
 * @param dnsIdOnly the certificate must name the host in a DNS-ID, never only in its CN: an
 *     MTA-STS policy applies to it (RFC 8461 §4.2, STS-8)
 */
record Candidate(
    Domain host, InetAddress address, int port, NameValidation name, Domain nextHopDomain,
    HostPolicy.@Nullable DaneCheck dane,
    boolean dnsIdOnly) {

  Candidate(Domain host, InetAddress address, int port, NameValidation name, Domain nextHopDomain) {
    this(host, address, port, name, nextHopDomain, null, false);
  }

  /** This candidate as its destination's published policy has it checked. */
  Candidate checkedBy(HostPolicy published) {
    return new Candidate(host, address, port, name, nextHopDomain, published.daneCheck(),
        published.sts().filter(p -> p.mode() != MtaStsMode.NONE).isPresent());
  }

  /** The TLS server name to send: the TLSA base domain under DANE (DANE-13), else the host name. */
  String serverName() {
    return dane != null ? dane.usable().sni().name() : host.name();
  }

  String display() {
    return host.name() + "[" + address.getHostAddress() + "]:" + port;
  }
}
