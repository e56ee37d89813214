package org.sealpost.config;

/**
 * RFC 8461 §5: what a sending MTA does with an MTA-STS policy; the code is the {@code mode} value
 * of the policy file and of {@code [mta_sts_policy] mode}. Shared by the policy Sealpost publishes
 * and the policies it fetches.
 */
public enum MtaStsMode {
  ENFORCE("enforce"),
  TESTING("testing"),
  NONE("none");

  private final String code;

  MtaStsMode(String code) {
    this.code = code;
  }

  /** The value as written in the policy file and in the config. */
  public String code() {
    return code;
  }

  public static MtaStsMode fromCode(String code) {
    for (MtaStsMode m : values()) {
      if (m.code.equals(code)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "expected \"enforce\", \"testing\" or \"none\", got \"" + code + "\"");
  }
}
