package org.sealpost.policy.mtasts;

import java.util.Optional;
import org.sealpost.mail.Domain;
import org.sealpost.policy.TlsResultType;

/** The MTA-STS policy in force for a policy domain, if any (RFC 8461 §3). */
@FunctionalInterface
public interface MtaStsLookup {

  Optional<MtaStsPolicy> policy(Domain domain);

  /**
   * Why the domain has no policy although it publishes an {@code _mta-sts} record: the RFC 8460
   * result type of the last failed fetch, when no policy is in force (STS-13). Empty otherwise.
   */
  default Optional<TlsResultType> fetchFailure(Domain domain) {
    return Optional.empty();
  }

  /** No MTA-STS support yet: every domain has no policy (RFC 8461 §3.3: as if none were published). */
  static MtaStsLookup none() {
    return domain -> Optional.empty();
  }
}
