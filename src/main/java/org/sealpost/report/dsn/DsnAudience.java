package org.sealpost.report.dsn;

/** Who a DSN is for: the original sender, or the local postmaster for a failed bounce (DSN-5). */
public enum DsnAudience {
  SENDER,
  /** A "double bounce": a message with the null reverse path failed; its sender cannot be told. */
  POSTMASTER
}
