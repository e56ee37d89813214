package org.sealpost.policy;

import org.sealpost.config.MtaStsMode;
import org.sealpost.policy.mtasts.MtaStsPolicy;

/**
 * What the destination itself publishes about one candidate host, as far as it bears on TLS: its
 * DANE TLSA state (RFC 7672 §2.2) and the MTA-STS policy of its domain (RFC 8461) with whether the
 * host's name matches it. Worked out by delivery before connecting; judged by {@link
 * TransportPolicy#forHost}.
 *
 * @param dane the host's TLSA state
 * @param stsMode the domain's MTA-STS mode ({@link MtaStsMode#NONE} when it publishes none)
 * @param stsMatches the host's name matches an {@code mx} pattern of that policy (STS-8 part 1)
 */
public record PublishedPolicy(Dane dane, MtaStsMode stsMode, boolean stsMatches) {

  /** Nothing published, or nothing looked up. */
  public static PublishedPolicy none() {
    return new PublishedPolicy(Dane.NONE, MtaStsMode.NONE, false);
  }

  /** DANE-6: what a host's TLSA lookup came to. */
  public enum Dane {
    /** No TLSA lookup, an insecure answer, or no records: pre-DANE opportunistic TLS. */
    NONE,
    /** A secure TLSA RRset with no usable record: TLS is mandatory, without authentication. */
    UNUSABLE,
    /** A secure TLSA RRset with at least one usable record: TLS authenticated by DANE is mandatory. */
    USABLE
  }
}
