package org.sealpost.policy.mtasts;

/**
 * The outcome of one policy fetch (RFC 8461 §3.3): a valid policy, or a failure with the RFC 8460
 * result type that TLS-RPT reports for it.
 */
public sealed interface FetchOutcome {

  /** HTTP 200, {@code text/plain}, within the limits, and a valid policy. */
  record Fetched(MtaStsPolicy policy) implements FetchOutcome {}

  /** Anything else; {@code reason} is safe to log and to report. */
  record Failed(FailureType type, String reason) implements FetchOutcome {}

  /** RFC 8460 §4.3.2 result types for MTA-STS policy failures (RPT-3). */
  enum FailureType {
    /** The policy could not be retrieved: DNS, TCP, TLS protocol, HTTP status, size, time. */
    FETCH_ERROR("sts-policy-fetch-error"),
    /** It was retrieved but is not a valid policy (content type, encoding, syntax). */
    POLICY_INVALID("sts-policy-invalid"),
    /** The policy host's certificate did not validate (chain, expiry, or name, RFC 8461 §3.3). */
    WEBPKI_INVALID("sts-webpki-invalid");

    private final String resultType;

    FailureType(String resultType) {
      this.resultType = resultType;
    }

    /** The {@code result-type} string of an RFC 8460 report. */
    public String resultType() {
      return resultType;
    }
  }
}
