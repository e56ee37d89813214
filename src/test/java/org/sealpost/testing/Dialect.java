package org.sealpost.testing;

/** Which protocol the peer speaks. */
public enum Dialect {
  /** SMTP with extensions: EHLO and HELO (RFC 5321). */
  ESMTP,
  /** An old SMTP server: {@code 500 5.5.1} to EHLO, so the client must fall back to HELO. */
  HELO_ONLY,
  /**
   * LMTP (RFC 2033): LHLO instead of EHLO (EHLO and HELO get 500), and after the body one reply per
   * accepted recipient, in RCPT order.
   */
  LMTP
}
