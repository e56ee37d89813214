package org.sealpost.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sealpost.mail.Domain;

/**
 * RFC 5321 §5.1 next-hop resolution (SMTP-13): look up MX following CNAMEs; NXDOMAIN is permanent,
 * a failed lookup is temporary; no MX means the domain itself at preference 0; sort by preference
 * and shuffle equal preferences; a null MX (RFC 7505) means no mail. Then the A and AAAA records
 * of each host, so the caller sees the security of every link.
 */
public final class MxResolver {

  /** Bound on hosts looked up per domain (SEC-9: DNS lookups per message are bounded). */
  static final int MAX_HOSTS = 10;

  private final Resolver resolver;
  private final Random random;

  public MxResolver(Resolver resolver) {
    this(resolver, new Random());
  }

  /** {@code random} orders hosts of equal preference; tests pass a seeded one. */
  public MxResolver(Resolver resolver, Random random) {
    this.resolver = resolver;
    this.random = random;
  }

  public MxResolution resolve(Domain domain) {
    DnsResult<MxRecord> mx = resolver.mx(domain);
    return switch (mx) {
      case DnsResult.Answer<MxRecord> a -> fromRecords(domain, a);
      case DnsResult.NoData<MxRecord> n -> implicit(domain, n.canonicalName(), n.security());
      case DnsResult.NxDomain<MxRecord> n -> new MxResolution.NoSuchDomain(domain, n.security());
      case DnsResult.Bogus<MxRecord> b -> new MxResolution.Failed(domain, b);
      case DnsResult.ServFail<MxRecord> s -> new MxResolution.Failed(domain, s);
      case DnsResult.Timeout<MxRecord> t -> new MxResolution.Failed(domain, t);
    };
  }

  private MxResolution fromRecords(Domain domain, DnsResult.Answer<MxRecord> a) {
    List<MxRecord> usable = new ArrayList<>();
    for (MxRecord r : a.values()) {
      if (!r.isNullMx()) {
        usable.add(r);
      }
    }
    if (usable.isEmpty()) {
      // RFC 7505 §3: "MX 0 ." alone. [I] A "." mixed with real MXs is ignored, the rest used.
      return new MxResolution.NullMx(domain, a.security());
    }
    List<MxRecord> ordered = order(usable);
    List<MxHost> hosts = new ArrayList<>();
    for (MxRecord r : ordered.subList(0, Math.min(MAX_HOSTS, ordered.size()))) {
      Domain host = r.exchange();
      if (host != null) {
        hosts.add(host(host, r.preference(), a.security()));
      }
    }
    return new MxResolution.Hosts(domain, a.canonicalName(), a.security(), false, hosts);
  }

  private MxResolution implicit(Domain domain, Domain expanded, Security security) {
    // RFC 5321 §5.1: the domain (after CNAME expansion) is the implicit MX, preference 0.
    MxHost self = host(expanded, 0, security);
    if (self.addresses().isEmpty() && self.addressFailure() != null) {
      return new MxResolution.Failed(domain, self.addressFailure());
    }
    return new MxResolution.Hosts(domain, expanded, security, true, List.of(self));
  }

  private MxHost host(Domain name, int preference, Security mxSecurity) {
    DnsResult<InetAddress> v4 = resolver.a(name);
    DnsResult<InetAddress> v6 = resolver.aaaa(name);
    return new MxHost(name, preference, v4, v6, mxSecurity);
  }

  /** Preference ascending; equal preferences in random order (RFC 5321 §5.1). */
  private List<MxRecord> order(List<MxRecord> records) {
    List<MxRecord> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, random);
    // List.sort is stable: the shuffle survives among equal preferences.
    shuffled.sort((x, y) -> Integer.compare(x.preference(), y.preference()));
    return shuffled;
  }
}
