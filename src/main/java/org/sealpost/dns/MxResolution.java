package org.sealpost.dns;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;
import org.sealpost.mail.EnhancedStatus;

/** Where mail for a domain goes (RFC 5321 §5.1, SMTP-13), or why it cannot be known or sent. */
public sealed interface MxResolution {

  Domain domain();

  /** The status to fail or defer with; null for {@link Hosts}. */
  default @Nullable EnhancedStatus failureStatus() {
    return switch (this) {
      case Hosts h -> null;
      // RFC 7505 §4.1: "5.1.10 Recipient address has null MX".
      case NullMx n -> EnhancedStatus.of("5.1.10");
      // RFC 5321 §5.1: NXDOMAIN is an error; RFC 3463 5.1.2 "bad destination system address".
      case NoSuchDomain n -> EnhancedStatus.of("5.1.2");
      // RFC 5321 §5.1 temporary failure, RFC 7672 §2.1.2: defer. 4.4.3 "directory server failure".
      case Failed f -> EnhancedStatus.of("4.4.3");
    };
  }

  /**
   * The hosts to try, in order: preference ascending, equal preferences shuffled. {@code
   * expandedDomain} is the CNAME-expanded domain; {@code implicit} means there was no MX and the
   * domain itself is the host (preference 0). {@code mxSecurity} covers the MX RRset and any CNAME
   * leading to it (RFC 7672 §2.2.1).
   */
  record Hosts(
      Domain domain, Domain expandedDomain, Security mxSecurity, boolean implicit,
      List<MxHost> hosts) implements MxResolution {
    public Hosts {
      hosts = List.copyOf(hosts);
    }
  }

  /** The domain publishes {@code MX 0 .}: it accepts no mail (RFC 7505). */
  record NullMx(Domain domain, Security security) implements MxResolution {}

  /** The domain does not exist. */
  record NoSuchDomain(Domain domain, Security security) implements MxResolution {}

  /** The MX lookup failed (BOGUS, SERVFAIL, TIMEOUT, or an implicit MX's lookups failed). */
  record Failed(Domain domain, DnsResult<?> cause) implements MxResolution {}
}
