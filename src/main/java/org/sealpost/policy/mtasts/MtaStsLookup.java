package org.sealpost.policy.mtasts;

import java.util.Optional;
import org.sealpost.mail.Domain;

/** The MTA-STS policy in force for a policy domain, if any (RFC 8461 §3). */
@FunctionalInterface
public interface MtaStsLookup {

  Optional<MtaStsPolicy> policy(Domain domain);

  /** No MTA-STS support yet: every domain has no policy (RFC 8461 §3.3: as if none were published). */
  static MtaStsLookup none() {
    return domain -> Optional.empty();
  }
}
