package org.sealpost.policy;

import org.sealpost.mail.EnhancedStatus;

/** Whether a hop may carry the message ({@link TransportPolicy#judge}). */
public sealed interface HopVerdict {

  /**
   * Go ahead.
   *
   * @param verified the session's certificate verified as the requirement asked (for the log)
   * @param sendRequireTls put REQUIRETLS on MAIL
   */
  record Use(boolean verified, boolean sendRequireTls) implements HopVerdict {}

  /**
   * Do not send this message over this hop: QUIT and try the next one (RT-25).
   *
   * @param status the enhanced status this refusal stands for
   * @param permanent counts toward a bounce when no hop is left (RT-26), else a deferral
   * @param reason what was missing, in words an admin understands
   */
  record Refuse(EnhancedStatus status, boolean permanent, String reason) implements HopVerdict {}
}
