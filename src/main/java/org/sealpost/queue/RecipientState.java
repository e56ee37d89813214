package org.sealpost.queue;

/**
 * Where one recipient of a queued message stands. The code is saved in the status record: never
 * change it, never use the ordinal.
 */
public enum RecipientState {
  /** Not delivered yet: never attempted, or deferred (temporary failure) and waiting to retry. */
  PENDING("pending"),
  /** Accepted by the next hop or stored in the mailbox. Final. */
  DELIVERED("delivered"),
  /** Failed permanently, or expired. Final. */
  FAILED("failed");

  private final String code;

  RecipientState(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean isFinal() {
    return this != PENDING;
  }

  public static RecipientState fromCode(String code) {
    for (RecipientState s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown recipient state: " + code);
  }
}
