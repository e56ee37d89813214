package org.sealpost.mail;

/**
 * What the sender asked of the transport for one message (RFC 8689 §4.1). Stored with the message;
 * the on-disk code is explicit and must never change.
 */
public enum TlsRequirement {
  /** Neither the REQUIRETLS parameter nor a valid {@code TLS-Required: No} field: recipient policy applies. */
  UNSPECIFIED("unspecified"),
  /** RFC 8689 §4.1 (RT-16): the REQUIRETLS MAIL parameter was given; every hop must be verified TLS. */
  REQUIRE_TLS("requiretls"),
  /** RFC 8689 §3 (RT-17): exactly one {@code TLS-Required: No}; recipient DANE/MTA-STS failures are ignored. */
  TLS_OPTIONAL("tls-optional");

  private final String code;

  TlsRequirement(String code) {
    this.code = code;
  }

  /** The stable code used in the spool and in logs. */
  public String code() {
    return code;
  }

  public static TlsRequirement fromCode(String code) {
    for (TlsRequirement r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown TLS requirement code: " + code);
  }
}
