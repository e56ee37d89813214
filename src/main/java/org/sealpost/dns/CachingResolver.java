package org.sealpost.dns;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.DnsMode;
import org.sealpost.mail.Domain;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;

/**
 * The {@link Resolver}: asks an {@link Upstream}, follows CNAMEs across answers, caches by TTL and
 * turns dnsjava records into Sealpost's types. The security of a chain is the weakest of its
 * answers (RFC 7672 §2.2.1); a failure anywhere in the chain is the result.
 */
final class CachingResolver implements Resolver {

  private final Upstream upstream;
  private final DnsCache cache;
  private final DnsMode mode;
  private final @Nullable DnsTransport transport;

  CachingResolver(
      Upstream upstream, InstantSource clock, int cacheSize, DnsMode mode,
      @Nullable DnsTransport transport) {
    this.upstream = upstream;
    this.cache = new DnsCache(clock, cacheSize);
    this.mode = mode;
    this.transport = transport;
  }

  @Override
  public DnsMode mode() {
    return mode;
  }

  /** Counters of one upstream server, for tests and metrics. */
  ServerStats stats(java.net.InetSocketAddress server) {
    if (transport == null) {
      throw new IllegalStateException("no transport");
    }
    return transport.stats(server);
  }

  DnsCache cache() {
    return cache;
  }

  @Override
  public DnsResult<MxRecord> mx(Domain name) {
    return lookup(name, RecordType.MX)
        .map(r -> {
          MXRecord mx = (MXRecord) r;
          if (mx.getTarget().equals(Name.root)) {
            return new MxRecord(mx.getPriority(), null);
          }
          Domain target = Names.toDomain(mx.getTarget());
          return target == null ? null : new MxRecord(mx.getPriority(), target);
        });
  }

  @Override
  public DnsResult<InetAddress> a(Domain name) {
    return lookup(name, RecordType.A).map(r -> ((ARecord) r).getAddress());
  }

  @Override
  public DnsResult<InetAddress> aaaa(Domain name) {
    return lookup(name, RecordType.AAAA).map(r -> ((AAAARecord) r).getAddress());
  }

  @Override
  public DnsResult<TlsaRecord> tlsa(Domain name) {
    return lookup(name, RecordType.TLSA)
        .map(r -> {
          TLSARecord t = (TLSARecord) r;
          return new TlsaRecord(
              t.getCertificateUsage(), t.getSelector(), t.getMatchingType(),
              t.getCertificateAssociationData());
        });
  }

  @Override
  public DnsResult<String> txt(Domain name) {
    return lookup(name, RecordType.TXT)
        .map(r -> {
          StringBuilder sb = new StringBuilder();
          for (byte[] part : ((TXTRecord) r).getStringsAsByteArrays()) {
            sb.append(new String(part, StandardCharsets.UTF_8));
          }
          return sb.toString();
        });
  }

  @Override
  public DnsResult<Domain> cname(Domain name) {
    return lookup(name, RecordType.CNAME).map(r -> Names.toDomain(((CNAMERecord) r).getTarget()));
  }

  /** One question, from the cache or upstream, CNAMEs followed. */
  DnsResult<Record> lookup(Domain domain, RecordType type) {
    Name qname = Names.toName(domain);
    DnsCache.Key key = new DnsCache.Key(qname, type);
    DnsResult<Record> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    ChainWalk walk = new ChainWalk(domain, qname, type);
    DnsResult<Record> result = walk.run(upstream);
    cache.put(key, result, walk.ttl());
    return result;
  }
}
