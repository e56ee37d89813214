package org.sealpost.inbound;

import java.time.InstantSource;
import org.sealpost.config.LimitsConfig;
import org.sealpost.config.ListenerConfig;
import org.sealpost.mail.Domain;
import org.sealpost.policy.RelayPolicy;
import org.sealpost.policy.requiretls.MailParameterPolicy;
import org.sealpost.queue.Intake;

/**
 * What every session of one listener shares: read-only settings and thread-safe collaborators.
 * Sessions share no mutable state. {@code offerRequireTls} is false when delivery does not enforce
 * REQUIRETLS, since advertising it is a promise about every onward hop (RFC 8689 §1, RT-3).
 */
record InboundContext(
    String serverName,
    ListenerConfig listener,
    LimitsConfig limits,
    Intake intake,
    RelayPolicy relayPolicy,
    MailParameterPolicy requireTlsPolicy,
    boolean offerRequireTls,
    Authenticator authenticator,
    boolean authAvailable,
    InstantSource clock) {

  /** The domain of {@code RCPT TO:<postmaster>} without a domain (RFC 5321 §4.5.1). */
  Domain serverDomain() {
    return Domain.of(serverName);
  }
}
