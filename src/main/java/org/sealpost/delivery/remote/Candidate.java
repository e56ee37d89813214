package org.sealpost.delivery.remote;

import java.net.InetAddress;
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
 */
record Candidate(Domain host, InetAddress address, int port, NameValidation name, Domain nextHopDomain) {

  String display() {
    return host.name() + "[" + address.getHostAddress() + "]:" + port;
  }
}
