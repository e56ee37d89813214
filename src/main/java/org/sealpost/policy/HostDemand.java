package org.sealpost.policy;

/** Whether a candidate host may be tried at all, and with which demand ({@link TransportPolicy#forHost}). */
public sealed interface HostDemand {

  /** Connect, and judge the hop against this demand after EHLO and STARTTLS. */
  record Try(HopRequirement requirement) implements HostDemand {}

  /** Do not connect: the host's published policy rules it out for this message (STS-9, DANE-14). */
  record Skip(HopVerdict.Refuse refusal) implements HostDemand {}
}
