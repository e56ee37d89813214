package org.sealpost.policy.dane;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.MxHost;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.Security;
import org.sealpost.dns.TlsaRecord;
import org.sealpost.mail.Domain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the DANE state of one MX host before connecting (RFC 7672 §2.2): address security first,
 * then the TLSA RRset at {@code _<port>._tcp.<base>} for each candidate base domain.
 *
 * <ol>
 *   <li>A failed address lookup with no address found: {@link DaneState.Failed} (DANE-2).
 *   <li>Addresses not DNSSEC-signed: {@link DaneState.NotApplicable}, and no TLSA query at all,
 *       which spares broken nameservers that time out on TLSA (RFC 7672 §2.2.2, DANE-4).
 *   <li>Candidate bases: when the host name is an alias and the address answer (which covers the
 *       whole CNAME chain) is secure, the expanded name first, then the original name (DANE-5).
 *       The first candidate whose TLSA answer is a secure RRset is the TLSA base domain; a CNAME
 *       at the TLSA owner name itself is followed by the resolver but does not change the base.
 *   <li>A failed TLSA lookup (BOGUS, SERVFAIL, TIMEOUT) stops the search: the host is skipped
 *       (DANE-2). Secure or insecure "no such record" and insecure records move on to the next
 *       candidate (DANE-6: not an error).
 * </ol>
 *
 * The MX RRset's own security does not stop the lookup: RFC 7672 §2.2.1 lets a client use DANE
 * with MX hosts from an insecure MX RRset (a signed provider zone protects unsigned customer
 * domains); {@link ReferenceNames} then narrows the names a DANE-TA certificate may carry (DANE-9),
 * and RFC 8689's own check of the MX name (RT-21) is the caller's, separately.
 */
public final class TlsaLookup {

  private static final Logger log = LoggerFactory.getLogger(TlsaLookup.class);

  private final Resolver resolver;

  public TlsaLookup(Resolver resolver) {
    this.resolver = resolver;
  }

  /** The DANE state of {@code host} for SMTP on {@code port} (25 for MX delivery). */
  public DaneState lookup(MxHost host, int port) {
    DaneState state = decide(host, port);
    log.debug("dane host={} port={} state={} detail={}", host.name(), port, state.word(),
        detail(state));
    return state;
  }

  private DaneState decide(MxHost host, int port) {
    if (host.name().isAddressLiteral()) {
      return new DaneState.NotApplicable("an address literal has no TLSA records");
    }
    Security addresses = host.addressSecurity();
    if (addresses == null) {
      // MxHost: a null security means a lookup failed and no address was found.
      return new DaneState.Failed(Objects.requireNonNull(host.addressFailure()));
    }
    if (host.addresses().isEmpty()) {
      return new DaneState.NotApplicable("host " + host.name() + " has no address records");
    }
    if (!addresses.isSecure()) {
      return new DaneState.NotApplicable("address records of " + host.name()
          + " are not DNSSEC-signed, so no TLSA lookup (RFC 7672 §2.2.2)");
    }
    List<String> misses = new ArrayList<>();
    for (Domain base : candidateBases(host)) {
      Domain owner = Domain.of("_" + port + "._tcp." + base.name());
      DnsResult<TlsaRecord> answer = resolver.tlsa(owner);
      if (answer.isFailure()) {
        return new DaneState.Failed(answer);
      }
      if (answer instanceof DnsResult.Answer<TlsaRecord> a && a.security().isSecure()) {
        List<TlsaRecord> usable = TlsaUsability.usableOf(a.values());
        return usable.isEmpty()
            ? new DaneState.Unusable(base, a.values())
            : new DaneState.Usable(base, usable, base);
      }
      misses.add(owner + ": " + (answer instanceof DnsResult.Answer<TlsaRecord>
          ? "records not DNSSEC-signed" : answer.security() + " " + answer.status()));
    }
    return new DaneState.NotApplicable("no secure TLSA RRset (" + String.join("; ", misses) + ")");
  }

  /**
   * RFC 7672 §2.2.3: the CNAME-expanded host name, then the name itself. Only called when the
   * address answers are secure, which (the resolver keeps a chain's weakest security) means the
   * whole CNAME chain is.
   */
  static List<Domain> candidateBases(MxHost host) {
    DnsResult<InetAddress> withRecords = host.ipv4().records().isEmpty() ? host.ipv6() : host.ipv4();
    if (withRecords instanceof DnsResult.Answer<InetAddress> a
        && !a.canonicalName().equals(host.name())) {
      return List.of(a.canonicalName(), host.name());
    }
    return List.of(host.name());
  }

  private static String detail(DaneState state) {
    return switch (state) {
      case DaneState.Usable u -> "base=" + u.baseDomain() + " usable=" + u.records().size();
      case DaneState.Unusable u -> "base=" + u.baseDomain() + " published=" + u.published().size();
      case DaneState.NotApplicable n -> n.reason();
      case DaneState.Failed f -> f.reason();
    };
  }
}
