package org.sealpost.policy.dane;

/**
 * The RFC 8460 §4.3 result type a failed DANE verification should be reported as in a TLS-RPT
 * report (RPT-3). A hint: the reporting code owns the report.
 */
public enum TlsRptResultType {
  /** No TLSA record matched the presented certificates (RFC 8460 §4.3.2 "tlsa-invalid"). */
  TLSA_INVALID("tlsa-invalid"),
  /** A DANE-TA trust anchor matched, but the leaf names none of the reference names. */
  CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
  /** A DANE-TA path was found, but the leaf or an intermediate is outside its validity dates. */
  CERTIFICATE_EXPIRED("certificate-expired"),
  /** No certificate, or the path to a matched trust anchor is broken (signature, CA flag). */
  VALIDATION_FAILURE("validation-failure");

  private final String code;

  TlsRptResultType(String code) {
    this.code = code;
  }

  /** The result-type string as it appears in the report JSON. */
  public String code() {
    return code;
  }
}
