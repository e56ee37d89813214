package org.sealpost.delivery;

import org.sealpost.mail.Envelope;

/**
 * Hears the outcome of every outbound TLS session, for SMTP TLS Reporting (RFC 8460). Called on the
 * delivery thread: implementations must be quick, thread-safe and must not throw.
 *
 * <p>A TLS report is never itself reported: sessions that carry a message received on the
 * {@value #REPORT_LISTENER} listener (the reports {@code report.tlsrpt} queues) must not be passed
 * on; {@link #reportable} says which.
 */
@FunctionalInterface
public interface TlsSessionListener {

  /** The {@code ClientInfo.listener()} of TLS report messages queued by Sealpost itself. */
  String REPORT_LISTENER = "tlsrpt";

  void sessionEnded(TlsSessionResult result);

  /** Hears nothing: for when TLS reporting is off. */
  static TlsSessionListener none() {
    return result -> {};
  }

  /**
   * Whether sessions carrying this message count for TLS reporting: not when the message is a TLS
   * report, so that a broken report destination cannot make reports about reports (RFC 8460 §5.3
   * asks that reports are delivered despite TLS failures; counting them would loop).
   */
  static boolean reportable(Envelope envelope) {
    return !REPORT_LISTENER.equals(envelope.client().listener());
  }
}
