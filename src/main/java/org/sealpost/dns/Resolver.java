package org.sealpost.dns;

import java.net.InetAddress;
import org.sealpost.config.DnsMode;
import org.sealpost.mail.Domain;

/**
 * The DNS questions Sealpost asks. Every method answers with a typed {@link DnsResult}: records
 * with their {@link Security}, NXDOMAIN or NODATA with theirs, or BOGUS, SERVFAIL, TIMEOUT. CNAMEs
 * are followed (except by {@link #cname}); the result names the expanded name and the aliases.
 * Implementations are thread-safe and block, so call them from virtual threads.
 */
public interface Resolver {

  /** MX records as published, unsorted; {@link MxResolver} applies RFC 5321 §5.1. */
  DnsResult<MxRecord> mx(Domain name);

  DnsResult<InetAddress> a(Domain name);

  DnsResult<InetAddress> aaaa(Domain name);

  /** TLSA records at the full owner name, e.g. {@code _25._tcp.mx1.example} (RFC 7672 §2.2.3). */
  DnsResult<TlsaRecord> tlsa(Domain name);

  /** TXT records, each one's strings joined without separators (RFC 8461 §3.1, RFC 8460 §3). */
  DnsResult<String> txt(Domain name);

  /** The CNAME at {@code name} itself, not followed; NODATA when the name is not an alias. */
  DnsResult<Domain> cname(Domain name);

  /** The mode in force, which is {@code off} when start-up found validation not working. */
  DnsMode mode();
}
