package org.sealpost.report.dsn;

/** How much of the original message a DSN carries as its third part (RFC 3464 §2, RFC 3461 §4.3). */
public enum ReturnedContent {
  /** {@code message/rfc822} ({@code message/global}): {@code RET=FULL} on a failure. */
  FULL,
  /** {@code text/rfc822-headers} ({@code message/global-headers}): the header section only. */
  HEADERS,
  /** No third part: the redacted DSN of RT-38(a). */
  NONE
}
