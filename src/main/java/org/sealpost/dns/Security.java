package org.sealpost.dns;

/**
 * Whether an answer was DNSSEC-validated. Only answers that exist have a security; failures (bogus,
 * SERVFAIL, timeout) are {@link DnsResult} variants of their own and never one of these values.
 */
public enum Security {
  /** Validated from a trust anchor (RFC 4035 §4.3 "secure"); the AD bit in trust-ad mode. */
  SECURE,
  /** Proven unsigned, outside any trust anchor, or DNSSEC is off. */
  INSECURE;

  /** A chain is only as secure as its weakest link (RFC 7672 §2.2.1, CNAME chains). */
  public Security and(Security other) {
    return this == SECURE && other == SECURE ? SECURE : INSECURE;
  }

  public boolean isSecure() {
    return this == SECURE;
  }
}
