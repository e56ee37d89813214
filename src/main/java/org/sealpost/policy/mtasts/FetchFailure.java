package org.sealpost.policy.mtasts;

import java.time.Instant;
import org.sealpost.mail.Domain;
import org.sealpost.policy.mtasts.FetchOutcome.FailureType;

/**
 * A failed policy fetch while the domain published an {@code _mta-sts} record: what TLS-RPT
 * reports (RFC 8460 §4.3.2, STS-13) and what stops another try for five minutes (STS-4).
 *
 * @param policyId the {@code id} of the TXT record at the time
 * @param cachedPolicyInForce whether a valid cached policy was applied instead (STS-5)
 */
public record FetchFailure(
    Domain policyDomain,
    String policyId,
    FailureType type,
    String reason,
    Instant at,
    boolean cachedPolicyInForce) {

  /** The RFC 8460 {@code result-type} string, e.g. {@code sts-webpki-invalid}. */
  public String resultType() {
    return type.resultType();
  }
}
