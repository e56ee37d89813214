package org.sealpost.mail;

/** The MAIL {@code BODY=} parameter (RFC 6152); absent means 7BIT. The code is the wire keyword. */
public enum BodyType {
  SEVEN_BIT("7BIT"),
  EIGHT_BIT_MIME("8BITMIME");

  private final String code;

  BodyType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static BodyType fromCode(String code) {
    for (BodyType b : values()) {
      if (b.code.equalsIgnoreCase(code)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown BODY value: " + code);
  }
}
