package org.sealpost.delivery;

/** The transport security one outbound session achieved; the code is what the log shows. */
public enum TlsLevel {
  /** Cleartext. */
  NONE("none"),
  /** TLS without an authenticated peer. */
  ENCRYPTED("encrypted"),
  /** TLS with a certificate verified through a PKIX chain and the host name (RFC 6125). */
  VERIFIED_PKIX("verified-pkix"),
  /** TLS with the certificate verified by DANE TLSA records (RFC 7672). */
  DANE("dane");

  private final String code;

  TlsLevel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean verified() {
    return this == VERIFIED_PKIX || this == DANE;
  }
}
