package org.sealpost.bench;

/** How the generator's sessions use TLS. */
enum TlsMode {
  /** No TLS: EHLO, then mail. */
  PLAIN,
  /** EHLO, STARTTLS (RFC 3207), EHLO again (TLS-6), then mail. */
  STARTTLS
}
