package org.sealpost.queue;

/**
 * Where a committed message sits in the spool. Each state is a directory of the same name, so an
 * operator can {@code ls} the queue (as with Postfix's {@code active/}, {@code deferred/},
 * {@code hold/}). The code is the directory name and is part of the on-disk layout: never change it.
 */
public enum QueueState {
  /** Accepted and waiting for (or in) a delivery attempt. Intake commits land here. */
  ACTIVE("active"),
  /** An attempt failed temporarily; waits for its next attempt time. */
  DEFERRED("deferred"),
  /** Put aside by an operator; never attempted until released. */
  HOLD("hold");

  private final String code;

  QueueState(String code) {
    this.code = code;
  }

  /** The stable code, which is also the directory name under the spool. */
  public String code() {
    return code;
  }

  public static QueueState fromCode(String code) {
    for (QueueState s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown queue state: " + code);
  }
}
