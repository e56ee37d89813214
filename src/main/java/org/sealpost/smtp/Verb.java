package org.sealpost.smtp;

import java.util.Locale;

/** The command verbs Sealpost knows (RFC 5321 §4.1.1, RFC 3207, RFC 4954, RFC 3030, RFC 2033). */
public enum Verb {
  EHLO,
  HELO,
  LHLO,
  MAIL,
  RCPT,
  DATA,
  BDAT,
  RSET,
  NOOP,
  QUIT,
  VRFY,
  EXPN,
  HELP,
  STARTTLS,
  AUTH,
  /** Anything else; the server answers {@code 500 5.5.1} (RFC 5321 §4.2.4) and goes on. */
  UNKNOWN;

  /** Verbs are case-insensitive (RFC 5321 §2.4). */
  public static Verb of(String word) {
    if (word.isEmpty() || word.length() > 8) {
      return UNKNOWN;
    }
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return UNKNOWN;
      }
    }
    try {
      Verb verb = valueOf(word.toUpperCase(Locale.ROOT));
      return verb;
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
