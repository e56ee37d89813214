package org.sealpost.smtp;

import java.net.Inet6Address;

/**
 * Address literals (RFC 5321 §4.1.3): {@code [192.0.2.1]} and {@code [IPv6:2001:db8::1]}. The
 * General-address-literal form ({@code [tag:...]}) has no registered tag in use and is refused.
 */
final class AddressLiterals {

  private AddressLiterals() {}

  /** True for a bracketed IPv4 or IPv6 literal; checks text only, never resolves anything. */
  static boolean isValid(String literal) {
    if (literal.length() < 3 || literal.charAt(0) != '[' || literal.charAt(literal.length() - 1) != ']') {
      return false;
    }
    String inner = literal.substring(1, literal.length() - 1);
    if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
      return isIpv6(inner.substring(5));
    }
    return isIpv4(inner);
  }

  /** {@code Snum 3("." Snum)}, Snum being 1-3 digits of value 0..255. */
  static boolean isIpv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3) {
        return false;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String text) {
    if (text.isEmpty() || text.length() > 45) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
          || c == ':' || c == '.';
      if (!ok) {
        return false; // no zone ids, no brackets
      }
    }
    try {
      Inet6Address.ofLiteral(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
