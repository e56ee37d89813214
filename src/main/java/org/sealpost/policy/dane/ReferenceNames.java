package org.sealpost.policy.dane;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sealpost.dns.Security;
import org.sealpost.mail.Domain;

/**
 * The names a DANE-TA(2) server certificate may carry (RFC 7672 §3.2.2, DANE-9). DANE-EE(3) checks
 * no names at all (DANE-8).
 *
 * <ul>
 *   <li>The TLSA base domain, always and first: the primary reference identifier.
 *   <li>The MX host name when the base is its CNAME expansion [I]: both were learnt from the same
 *       secure CNAME chain, and a certificate issued for the name in the MX record is what an
 *       operator would expect to work.
 *   <li>Only when the MX RRset was secure: the next-hop domain and its CNAME-expanded form, which
 *       an attacker could not have chosen. With an insecure MX RRset these would let a forged MX
 *       point at any host with a certificate for the domain, so they are left out.
 * </ul>
 */
public record ReferenceNames(List<Domain> names) {

  public ReferenceNames {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("at least the TLSA base domain");
    }
  }

  /**
   * @param baseDomain the TLSA base domain ({@link DaneState.Usable#baseDomain()})
   * @param mxName the host name as the MX record (or the implicit MX) gave it
   * @param mxSecurity the security of the MX RRset and any CNAME leading to it
   * @param nextHop the recipient domain
   * @param expandedNextHop the recipient domain after CNAME expansion
   */
  public static ReferenceNames forHost(Domain baseDomain, Domain mxName, Security mxSecurity,
      Domain nextHop, Domain expandedNextHop) {
    Set<Domain> out = new LinkedHashSet<>();
    out.add(baseDomain);
    out.add(mxName);
    if (mxSecurity.isSecure()) {
      out.add(nextHop);
      out.add(expandedNextHop);
    }
    return new ReferenceNames(List.copyOf(out));
  }

  /** Just the base domain: for a configured smart host, whose name is the configuration's. */
  public static ReferenceNames only(Domain baseDomain) {
    return new ReferenceNames(List.of(baseDomain));
  }
}
