package org.sealpost.policy.requiretls;

import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;

/** What a {@code REQUIRETLS} MAIL parameter means for one transaction, or why it is refused. */
public sealed interface MailParameterDecision {

  /** The parameter was absent: the header (if any) decides, after DATA. */
  record Absent() implements MailParameterDecision {}

  /** The parameter is accepted: the message is tagged now (RT-16), with an optional floor. */
  record Tagged(TlsRequirement requirement, VerificationFloor floor) implements MailParameterDecision {}

  /**
   * The parameter is refused; the transaction state must not change (RFC 5321 §4.1.4).
   *
   * @param code the basic reply code
   * @param status the enhanced status code
   * @param text reply text, safe to show the client
   */
  record Refused(int code, String status, String text) implements MailParameterDecision {}
}
