package org.sealpost.config;

/**
 * Whether draft-03 {@code REQUIRETLS=value} forms are accepted on submission listeners from
 * authenticated users (spec DRAFT-9). Default {@link #REJECT}: RFC 8689 only (DRAFT-6).
 */
public enum DraftSyntax {
  REJECT("reject"),
  ACCEPT("accept");

  private final String code;

  DraftSyntax(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static DraftSyntax fromCode(String code) {
    for (DraftSyntax d : values()) {
      if (d.code.equals(code)) {
        return d;
      }
    }
    throw new IllegalArgumentException("expected \"reject\" or \"accept\", got \"" + code + "\"");
  }
}
