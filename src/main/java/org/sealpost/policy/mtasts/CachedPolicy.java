package org.sealpost.policy.mtasts;

import java.time.Instant;
import org.sealpost.mail.Domain;

/**
 * A fetched policy as the cache keeps it (RFC 8461 §3.3): for which policy domain, under which TXT
 * {@code id}, and when it was fetched, which with its {@code max_age} gives its expiry.
 */
record CachedPolicy(Domain domain, String id, Instant fetchedAt, MtaStsPolicy policy) {

  Instant expiresAt() {
    return fetchedAt.plus(policy.maxAge());
  }

  /** Unexpired at {@code now}: a policy may be applied until its max_age has passed. */
  boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt());
  }
}
