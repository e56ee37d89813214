package org.sealpost.mail;

import java.util.Locale;

/**
 * A mailbox {@code local-part@domain}. The local part keeps its case (RFC 5321 §2.4) and is stored
 * as received (a quoted local part keeps its quotes); the domain is canonical.
 */
public record MailAddress(String localPart, Domain domain) {

  public MailAddress {
    if (localPart.isEmpty()) {
      throw new IllegalArgumentException("empty local part");
    }
  }

  /**
   * Parses {@code local@domain} (no angle brackets). The last {@code @} separates the domain, so a
   * quoted local part may contain {@code @}. Syntax checks beyond that belong to the SMTP parser.
   */
  public static MailAddress parse(String text) {
    int at = text.lastIndexOf('@');
    if (at <= 0 || at == text.length() - 1) {
      throw new IllegalArgumentException("not an address: " + text);
    }
    return new MailAddress(text.substring(0, at), Domain.of(text.substring(at + 1)));
  }

  /** RFC 5321 §4.5.1: {@code postmaster} is matched case-insensitively. */
  public boolean isPostmaster() {
    return localPart.toLowerCase(Locale.ROOT).equals("postmaster");
  }

  /** True when the address needs SMTPUTF8 to be transported (RFC 6531). */
  public boolean needsSmtpUtf8() {
    for (int i = 0; i < localPart.length(); i++) {
      if (localPart.charAt(i) > 0x7f) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return localPart + "@" + domain;
  }
}
