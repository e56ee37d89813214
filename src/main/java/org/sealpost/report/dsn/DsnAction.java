package org.sealpost.report.dsn;

/** The {@code Action} of one recipient in a DSN (RFC 3464 §2.3.3); the code is the field value. */
public enum DsnAction {
  /** Could not be delivered; no further attempts. */
  FAILED("failed"),
  /** Not yet delivered; attempts continue until {@code Will-Retry-Until}. */
  DELAYED("delayed"),
  /** Delivered to the recipient's mailbox here. */
  DELIVERED("delivered"),
  /** Handed to a next hop that may not send success reports of its own (RFC 3461 §5.2.2). */
  RELAYED("relayed");

  private final String code;

  DsnAction(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
