package org.sealpost.mail;

import java.net.IDN;
import java.util.Locale;

/**
 * A domain name in its canonical form: ASCII (A-labels for IDNs), lower case, no trailing dot.
 * RFC 5321 §2.4: domains are case-insensitive, so two spellings of one name compare equal.
 * An address literal ({@code [192.0.2.1]}, {@code [IPv6:...]}) is kept as written, lower-cased.
 */
public record Domain(String name) {

  public Domain {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty domain");
    }
  }

  /** Parses a domain or address literal; throws {@link IllegalArgumentException} when invalid. */
  public static Domain of(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]") && s.length() > 2) {
      return new Domain(s.toLowerCase(Locale.ROOT));
    }
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty() || s.length() > 255) {
      throw new IllegalArgumentException("bad domain length: " + text);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad domain: " + text, e);
    }
    ascii = ascii.toLowerCase(Locale.ROOT);
    for (String label : ascii.split("\\.", -1)) {
      if (!isLabel(label)) {
        throw new IllegalArgumentException("bad domain label '" + label + "' in " + text);
      }
    }
    return new Domain(ascii);
  }

  private static boolean isLabel(String label) {
    if (label.isEmpty() || label.length() > 63) {
      return false;
    }
    if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  public boolean isAddressLiteral() {
    return name.startsWith("[");
  }

  /** The name in Unicode (U-labels), for display only. */
  public String unicode() {
    return isAddressLiteral() ? name : IDN.toUnicode(name, IDN.ALLOW_UNASSIGNED);
  }

  @Override
  public String toString() {
    return name;
  }
}
