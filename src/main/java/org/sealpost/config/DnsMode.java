package org.sealpost.config;

/** How Sealpost learns whether a DNS answer is DNSSEC-secure (spec DANE-1). */
public enum DnsMode {
  /** Validate in process from a trust anchor. */
  VALIDATE("validate"),
  /** Trust the AD bit of a validating resolver reached over a trusted (loopback) channel. */
  TRUST_AD("trust-ad"),
  /** No DNSSEC: every answer is insecure. */
  OFF("off");

  private final String code;

  DnsMode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static DnsMode fromCode(String code) {
    for (DnsMode m : values()) {
      if (m.code.equals(code)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "expected \"validate\", \"trust-ad\" or \"off\", got \"" + code + "\"");
  }
}
