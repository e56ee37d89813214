package org.sealpost.config;

/**
 * The TLS an operator demands for a destination, as in Postfix's {@code smtp_tls_policy_maps}. The
 * code is the config value. Recipient-published policy (DANE TLSA records, MTA-STS) adds to these
 * demands host by host; see {@code policy.TransportPolicy#forHost}.
 */
public enum TlsPolicyLevel {
  /** Never STARTTLS. */
  NONE("none"),
  /**
   * Opportunistic: STARTTLS when offered; cleartext when not, or when the handshake fails. No TLSA
   * lookups (as Postfix's {@code may}); MTA-STS still applies.
   */
  MAY("may"),
  /** TLS required, certificate not checked. */
  ENCRYPT("encrypt"),
  /** TLS required, certificate verified (PKIX) for the MX host name. */
  VERIFY("verify"),
  /** TLS required, certificate verified (PKIX) for the next-hop domain itself. */
  SECURE("secure"),
  /**
   * Opportunistic DANE (RFC 7672), the default: a host with usable TLSA records gets TLS that must
   * match them, a host with only unusable records gets TLS without authentication, and any other
   * host is treated as {@link #MAY} (with MTA-STS where the domain publishes it).
   */
  DANE("dane"),
  /** Mandatory DANE (RFC 7672 §6, DANE-14): a host without usable TLSA records is not used. */
  DANE_ONLY("dane-only");

  private final String code;

  TlsPolicyLevel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether the level refuses cleartext: a locally configured mandatory policy (RT-13c). */
  public boolean mandatory() {
    return this == ENCRYPT || this == VERIFY || this == SECURE || this == DANE_ONLY;
  }

  /** Whether hosts' TLSA records are looked up for untagged mail at this level. */
  public boolean usesDane() {
    return this == DANE || this == DANE_ONLY;
  }

  public static TlsPolicyLevel fromCode(String code) {
    for (TlsPolicyLevel l : values()) {
      if (l.code.equals(code)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "expected one of none, may, encrypt, verify, secure, dane, dane-only; got \"" + code + "\"");
  }
}
