package org.sealpost.config;

/**
 * What Sealpost does with REQUIRETLS messages for one destination. The default is {@link #ENFORCE},
 * the only mode that keeps RFC 8689's promise; the others exist for operators who must get mail to
 * a partner that cannot meet it, and are logged on every use.
 */
public enum RequireTlsMode {
  /** RFC 8689 §4.2.1: only verified hops that advertise REQUIRETLS, else bounce. */
  ENFORCE("enforce"),
  /** Try a compliant hop first; when none exists, deliver as an untagged message and log it. */
  OPPORTUNISTIC("opportunistic"),
  /** Treat REQUIRETLS messages to this destination as untagged (the tag is not sent on), and log it. */
  DISABLE("disable");

  private final String code;

  RequireTlsMode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static RequireTlsMode fromCode(String code) {
    for (RequireTlsMode m : values()) {
      if (m.code.equals(code)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "expected one of enforce, opportunistic, disable; got \"" + code + "\"");
  }
}
