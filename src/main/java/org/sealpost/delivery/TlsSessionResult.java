package org.sealpost.delivery;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;
import org.sealpost.policy.TlsResultType;

/**
 * The outcome of one outbound TLS session as SMTP TLS Reporting counts it (RFC 8460 §4): which
 * policy applied, who talked to whom, and either success or one result type (RPT-3). Emitted by
 * delivery once per session that reached the TLS stage or failed for a reportable reason (STS-13);
 * transient network failures are not reported (RFC 8460 §4.3).
 *
 * @param at when the session ended
 * @param policyDomain the domain whose policy applied (the recipient domain, or the smart host's
 *     domain, STS-7)
 * @param policyType which kind of policy applied
 * @param policyStrings the policy as RPT-4 says: one {@code "u s m hex"} string per TLSA record, or
 *     one string per MTA-STS policy line; empty for {@link PolicyType#NO_POLICY_FOUND}
 * @param mxHost the MX host name (or pattern, for STS) the policy applied to; null if none
 * @param sendingMtaIp our address on the session
 * @param receivingMxHostname the host name we connected to
 * @param receivingMxHelo what that host said in its greeting or EHLO reply, if known
 * @param receivingIp the address we connected to
 * @param failure null for a successful session, else why it failed
 * @param additionalInformation a URI or text that helps the receiver, for failures (RFC 8460 §4.4)
 */
public record TlsSessionResult(
    Instant at,
    Domain policyDomain,
    PolicyType policyType,
    List<String> policyStrings,
    @Nullable String mxHost,
    String sendingMtaIp,
    String receivingMxHostname,
    @Nullable String receivingMxHelo,
    String receivingIp,
    @Nullable TlsResultType failure,
    @Nullable String additionalInformation) {

  public TlsSessionResult {
    policyStrings = List.copyOf(policyStrings);
  }

  public boolean successful() {
    return failure == null;
  }

  /** RFC 8460 §4.4 {@code policy-type}; the code is the wire name and the stored form. */
  public enum PolicyType {
    TLSA("tlsa"),
    STS("sts"),
    NO_POLICY_FOUND("no-policy-found");

    private final String code;

    PolicyType(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static PolicyType fromCode(String code) {
      for (PolicyType t : values()) {
        if (t.code.equals(code)) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown policy type: " + code);
    }
  }
}
