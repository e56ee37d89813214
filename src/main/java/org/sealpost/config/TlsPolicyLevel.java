package org.sealpost.config;

/**
 * The TLS an operator demands for a destination, as in Postfix's {@code smtp_tls_policy_maps}. The
 * code is the config value. RFC 7672 DANE levels come with DANE support.
 */
public enum TlsPolicyLevel {
  /** Never STARTTLS. */
  NONE("none"),
  /** Opportunistic: STARTTLS when offered; cleartext when not, or when the handshake fails. */
  MAY("may"),
  /** TLS required, certificate not checked. */
  ENCRYPT("encrypt"),
  /** TLS required, certificate verified (PKIX) for the MX host name. */
  VERIFY("verify"),
  /** TLS required, certificate verified (PKIX) for the next-hop domain itself. */
  SECURE("secure");

  private final String code;

  TlsPolicyLevel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether the level refuses cleartext: a locally configured mandatory policy (RT-13c). */
  public boolean mandatory() {
    return this == ENCRYPT || this == VERIFY || this == SECURE;
  }

  public static TlsPolicyLevel fromCode(String code) {
    for (TlsPolicyLevel l : values()) {
      if (l.code.equals(code)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "expected one of none, may, encrypt, verify, secure; got \"" + code + "\"");
  }
}
