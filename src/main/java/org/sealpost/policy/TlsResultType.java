package org.sealpost.policy;

/** RFC 8460 §4.3 result types (RPT-3); the code is the wire name and the stored form. */
public enum TlsResultType {
  // §4.3.1 negotiation failures
  STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
  CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
  CERTIFICATE_EXPIRED("certificate-expired"),
  CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
  VALIDATION_FAILURE("validation-failure"),
  // §4.3.2 policy failures, DANE
  TLSA_INVALID("tlsa-invalid"),
  DNSSEC_INVALID("dnssec-invalid"),
  DANE_REQUIRED("dane-required"),
  // §4.3.2 policy failures, MTA-STS (sts-policy-fetch-error is in the published RFC's registry, §6.6)
  STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
  STS_POLICY_INVALID("sts-policy-invalid"),
  STS_WEBPKI_INVALID("sts-webpki-invalid");

  private final String code;

  TlsResultType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static TlsResultType fromCode(String code) {
    for (TlsResultType t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown result type: " + code);
  }
}
