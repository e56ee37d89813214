package org.sealpost.policy;

/** Whether an RCPT is accepted, and as what; or the reply that refuses it. */
public sealed interface RecipientDecision {

  /** A mailbox of a local domain (final delivery here). */
  record Local(String mailbox) implements RecipientDecision {}

  /** A remote recipient the client may relay to (authenticated or trusted network). */
  record Relay() implements RecipientDecision {}

  /** Refused, with the reply to give. */
  record Refused(int code, String status, String text) implements RecipientDecision {}
}
