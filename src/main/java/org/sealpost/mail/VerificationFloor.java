package org.sealpost.mail;

/**
 * A stricter verification demand for Sealpost's own next hop, set only by the opt-in draft-03
 * syntax {@code REQUIRETLS=CHAIN|DANE|DNSSEC} (spec DRAFT-9). Onward hops see plain RFC 8689
 * REQUIRETLS, so the floor binds the first hop alone. The on-disk code is explicit.
 */
public enum VerificationFloor {
  /** RFC 8689 rules only: DNSSEC-or-MTA-STS for the MX name, PKIX-or-DANE for the certificate. */
  NONE("none"),
  /** {@code REQUIRETLS=CHAIN}: the certificate must verify through a PKIX chain. */
  PKIX("pkix"),
  /** {@code REQUIRETLS=DANE}: the certificate must verify through DANE TLSA records. */
  DANE("dane"),
  /** {@code REQUIRETLS=DNSSEC}: the MX answer must be DNSSEC-validated (MTA-STS is not enough). */
  DNSSEC_MX("dnssec-mx");

  private final String code;

  VerificationFloor(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static VerificationFloor fromCode(String code) {
    for (VerificationFloor f : values()) {
      if (f.code.equals(code)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown verification floor code: " + code);
  }
}
