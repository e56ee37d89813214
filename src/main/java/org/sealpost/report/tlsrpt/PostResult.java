package org.sealpost.report.tlsrpt;

/** How one HTTPS submission of a report went (RFC 8460 §5.4, RPT-8). */
sealed interface PostResult {

  /** 200 or 201: the receiver has the report. */
  record Accepted(int status) implements PostResult {}

  /** Any other status: try again later (RPT-9). */
  record Refused(int status) implements PostResult {}

  /** No answer: connection, TLS or timeout; try again later. */
  record Unreachable(String reason) implements PostResult {}
}
