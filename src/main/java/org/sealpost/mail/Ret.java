package org.sealpost.mail;

/** The DSN {@code RET=} MAIL parameter (RFC 3461 §4.3). The code is stored in the spool. */
public enum Ret {
  NOT_GIVEN("none"),
  FULL("FULL"),
  HDRS("HDRS");

  private final String code;

  Ret(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Ret fromCode(String code) {
    for (Ret r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown RET code: " + code);
  }
}
