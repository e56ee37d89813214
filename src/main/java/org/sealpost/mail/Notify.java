package org.sealpost.mail;

/** One keyword of the DSN {@code NOTIFY=} RCPT parameter (RFC 3461 §4.1). NEVER stands alone. */
public enum Notify {
  NEVER("NEVER"),
  SUCCESS("SUCCESS"),
  FAILURE("FAILURE"),
  DELAY("DELAY");

  private final String code;

  Notify(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Notify fromCode(String code) {
    for (Notify n : values()) {
      if (n.code.equalsIgnoreCase(code)) {
        return n;
      }
    }
    throw new IllegalArgumentException("unknown NOTIFY keyword: " + code);
  }
}
