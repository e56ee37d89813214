package org.sealpost.smtp;

import java.util.Optional;

/**
 * xtext (RFC 3461 §4), the encoding of ENVID, ORCPT and the MAIL AUTH parameter: a printable ASCII
 * character other than {@code +} and {@code =} stands for itself, any other octet is {@code +HH}
 * with two upper-case hex digits.
 */
public final class Xtext {

  private Xtext() {}

  /**
   * Decodes xtext. Empty when the text is not xtext, or when the decoded value holds anything but
   * printable US-ASCII (SP through {@code ~}): DSN-1 and SEC-8 require that of ENVID and ORCPT.
   */
  public static Optional<String> decode(String xtext) {
    StringBuilder sb = new StringBuilder(xtext.length());
    for (int i = 0; i < xtext.length(); i++) {
      char c = xtext.charAt(i);
      if (c == '+') {
        if (i + 2 >= xtext.length()) {
          return Optional.empty();
        }
        int hi = hex(xtext.charAt(i + 1));
        int lo = hex(xtext.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        c = (char) (hi * 16 + lo);
        i += 2;
      } else if (c < '!' || c > '~' || c == '=') {
        return Optional.empty();
      }
      if (c < ' ' || c > '~') {
        return Optional.empty();
      }
      sb.append(c);
    }
    return Optional.of(sb.toString());
  }

  /**
   * Encodes text as xtext. Characters above U+007F are encoded as their UTF-8 octets, which {@link
   * #decode} will then refuse: xtext carries ASCII.
   */
  public static String encode(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= '!' && c <= '~' && c != '+' && c != '=') {
        sb.append((char) c);
      } else {
        sb.append('+').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return sb.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** RFC 3461 §4: hexchar uses upper-case A-F only. */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
