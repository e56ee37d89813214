package org.sealpost.testing;

/**
 * What the peer does when the client sends STARTTLS (RFC 3207), including the attacks a client must
 * survive without falling back to plaintext (SEC-2, SEC-3, RT-25).
 */
public enum StartTlsBehaviour {
  /** {@code 220}, then a TLS handshake with the peer's certificate. */
  NORMAL,
  /** {@code 454 4.7.0}: TLS not available for now (a stripping attacker can do this, SEC-3). */
  REFUSE_454,
  /** {@code 220}, then the connection is closed before any handshake byte (SEC-3). */
  CLOSE_AFTER_READY,
  /**
   * {@code 220} and a forged {@code 250} reply in the same write, as a response-injection attacker
   * does (SEC-2, TLS-7, CVE-2021-38371); then a handshake is attempted. A correct client aborts.
   */
  INJECT_AFTER_READY,
  /**
   * {@code 220}, then a handshake that offers TLS 1.0 only. The JDK refuses TLS 1.0 on both sides
   * ({@code jdk.tls.disabledAlgorithms}), so the handshake fails whoever notices first, as it must
   * for RT-24 (TLS 1.2 minimum).
   */
  TLS_1_0_ONLY,
  /**
   * {@code 220}, then a TLS 1.2 handshake offering only an anonymous cipher suite, which no JDK
   * client accepts: the handshake fails with no cipher suite in common.
   */
  NO_SHARED_CIPHER
}
