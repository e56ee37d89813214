package org.sealpost.dns;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * Resolves one question through any CNAME chain (RFC 1034 §3.6.2, RFC 5321 §5.1 "following CNAMEs").
 * A recursive resolver usually returns the whole chain in one answer; an authoritative server stops
 * at its zone's edge, so a chain that ends in another zone is asked for again. The walk keeps the
 * weakest security seen and the smallest TTL, which bounds how long the result may be cached.
 */
final class ChainWalk {

  /** More than enough for real chains; longer ones are broken or hostile. */
  static final int MAX_CHAIN = 8;

  private final Domain domain;
  private final Name qname;
  private final RecordType type;
  private final List<Name> aliases = new ArrayList<>();
  private long ttl = Long.MAX_VALUE;

  ChainWalk(Domain domain, Name qname, RecordType type) {
    this.domain = domain;
    this.qname = qname;
    this.type = type;
  }

  /** Seconds the result may be cached; 0 when it must not be. */
  long ttl() {
    return ttl == Long.MAX_VALUE ? 0 : ttl;
  }

  DnsResult<Record> run(Upstream upstream) {
    Name current = qname;
    Security security = Security.SECURE;
    for (int hop = 0; hop <= MAX_CHAIN; hop++) {
      Upstream.Reply reply;
      try {
        reply = upstream.query(current, type.code());
      } catch (TransportException e) {
        ttl = 0;
        return switch (e.kind()) {
          case TIMEOUT -> new DnsResult.Timeout<>(domain);
          case SERVER_FAILURE -> new DnsResult.ServFail<>(domain, e.getMessage());
        };
      }
      if (reply.bogusReason() != null || reply.message() == null) {
        ttl = 0;
        String why = reply.bogusReason() == null ? "no message" : reply.bogusReason();
        return new DnsResult.Bogus<>(domain, why);
      }
      security = security.and(reply.security());
      Message m = reply.message();
      Name asked = current;
      // Follow the chain as far as this answer carries it.
      while (true) {
        RRset rrset = find(m, current, type.code());
        if (rrset != null) {
          lower(rrset.getTTL());
          List<Record> records = new ArrayList<>(rrset.rrs(false));
          return answer(current, records, security);
        }
        RRset cname = type == RecordType.CNAME ? null : find(m, current, org.xbill.DNS.Type.CNAME);
        if (cname == null) {
          break;
        }
        lower(cname.getTTL());
        aliases.add(current);
        current = ((CNAMERecord) cname.first()).getTarget();
        if (aliases.contains(current) || aliases.size() > MAX_CHAIN) {
          ttl = 0;
          return new DnsResult.ServFail<>(domain, "CNAME loop or chain too long at " + current);
        }
      }
      if (m.getRcode() == Rcode.NXDOMAIN) {
        negative(m);
        return wrap(current, security, true);
      }
      if (current.equals(asked) || soaCovers(m, current)) {
        negative(m);
        return wrap(current, security, false);
      }
      // The chain left the answering zone: ask for the target itself.
    }
    ttl = 0;
    return new DnsResult.ServFail<>(domain, "CNAME chain longer than " + MAX_CHAIN);
  }

  private DnsResult<Record> answer(Name canonical, List<Record> records, Security security) {
    Domain c = Names.toDomain(canonical);
    if (c == null) {
      ttl = 0;
      return new DnsResult.ServFail<>(domain, "unusable canonical name " + canonical);
    }
    return new DnsResult.Answer<>(domain, c, aliasDomains(), records, security);
  }

  private DnsResult<Record> wrap(Name canonical, Security security, boolean nxdomain) {
    Domain c = Names.toDomain(canonical);
    if (c == null) {
      ttl = 0;
      return new DnsResult.ServFail<>(domain, "unusable canonical name " + canonical);
    }
    return nxdomain
        ? new DnsResult.NxDomain<>(domain, c, aliasDomains(), security)
        : new DnsResult.NoData<>(domain, c, aliasDomains(), security);
  }

  private List<Domain> aliasDomains() {
    List<Domain> out = new ArrayList<>(aliases.size());
    for (Name n : aliases) {
      Domain d = Names.toDomain(n);
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  private static @Nullable RRset find(Message m, Name name, int type) {
    for (RRset set : m.getSectionRRsets(Section.ANSWER)) {
      if (set.getType() == type && set.getName().equals(name)) {
        return set;
      }
    }
    return null;
  }

  /** An SOA for a zone containing {@code name}: the server is authoritative and says "no data". */
  private static boolean soaCovers(Message m, Name name) {
    for (Record r : m.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord && name.subdomain(r.getName())) {
        return true;
      }
    }
    return false;
  }

  /** RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM); without an SOA, not at all. */
  private void negative(Message m) {
    for (Record r : m.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord soa) {
        lower(Math.min(soa.getTTL(), soa.getMinimum()));
        return;
      }
    }
    ttl = 0;
  }

  private void lower(long seconds) {
    ttl = Math.min(ttl, seconds);
  }
}
