package org.sealpost.dns;

import java.util.Locale;
import org.xbill.DNS.Type;

/** The record types Sealpost asks for. */
public enum RecordType {
  A(Type.A),
  AAAA(Type.AAAA),
  MX(Type.MX),
  TLSA(Type.TLSA),
  TXT(Type.TXT),
  CNAME(Type.CNAME);

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /** The IANA RR type number (RFC 1035 §3.2.2, RFC 6698 §7.1). */
  public int code() {
    return code;
  }

  /** Parses a type mnemonic, case-insensitively; throws {@link IllegalArgumentException}. */
  public static RecordType parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown record type \"" + text + "\" (expected A, AAAA, MX, TLSA, TXT or CNAME)", e);
    }
  }
}
