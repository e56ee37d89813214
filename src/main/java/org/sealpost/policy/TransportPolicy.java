package org.sealpost.policy;

import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.HopRequirement.TlsDemand;

/**
 * The route security a message demands, and whether a candidate hop meets it: RFC 8689 §4.2
 * (spec §1.12's decision table) combined with the operator's per-destination TLS policy. Pure.
 *
 * <ul>
 *   <li>REQUIRETLS (RT-20..RT-27): a validated name, TLS, a verified certificate and REQUIRETLS
 *       advertised after TLS, or the hop is refused; refusals count toward a bounce (RT-26).
 *   <li>{@code TLS-Required: No} (RT-12..RT-14): recipient-published policy is ignored, but a local
 *       mandatory policy still applies (RT-13c).
 *   <li>Untagged: the destination's policy level.
 * </ul>
 */
public final class TransportPolicy {

  private static final EnhancedStatus NO_TLS = EnhancedStatus.of("5.7.10");
  private static final EnhancedStatus NO_REQUIRETLS = EnhancedStatus.of("5.7.30");
  private static final EnhancedStatus TLS_NOT_AVAILABLE = EnhancedStatus.of("4.7.4");
  private static final EnhancedStatus CERT_NOT_VERIFIED = EnhancedStatus.of("4.7.5");

  private TransportPolicy() {}

  /** The demand for a message with this tag, to a destination with this policy. */
  public static HopRequirement requirement(
      TlsRequirement tag, VerificationFloor floor, DestinationPolicy policy) {
    if (tag == TlsRequirement.REQUIRE_TLS && policy.requireTls() != RequireTlsMode.DISABLE) {
      TlsDemand tls =
          policy.level() == TlsPolicyLevel.SECURE ? TlsDemand.VERIFIED_DOMAIN : TlsDemand.VERIFIED_HOST;
      return new HopRequirement(
          tls,
          true,
          floor == VerificationFloor.DNSSEC_MX,
          floor == VerificationFloor.PKIX,
          floor == VerificationFloor.DANE,
          true,
          true,
          true,
          floor == VerificationFloor.NONE ? "REQUIRETLS (RFC 8689)" : "REQUIRETLS with floor " + floor.code());
    }
    return untagged(policy, tag == TlsRequirement.REQUIRE_TLS
        ? "REQUIRETLS disabled for this destination by local policy; TLS policy " + policy.level().code()
        : "TLS policy " + policy.level().code());
  }

  /**
   * The demand of the destination's own policy alone: for untagged and TLS-optional messages, and
   * for the fallbacks that RFC 8689 §5 (RT-38) and {@link RequireTlsMode#OPPORTUNISTIC} allow once
   * no hop met REQUIRETLS.
   */
  public static HopRequirement untagged(DestinationPolicy policy, String why) {
    TlsDemand tls =
        switch (policy.level()) {
          case NONE -> TlsDemand.NONE;
          case MAY -> TlsDemand.OPPORTUNISTIC;
          case ENCRYPT -> TlsDemand.ENCRYPTED;
          case VERIFY -> TlsDemand.VERIFIED_HOST;
          case SECURE -> TlsDemand.VERIFIED_DOMAIN;
        };
    return new HopRequirement(tls, false, false, false, false, false, false, false, why);
  }

  /** Judges one hop after EHLO (and STARTTLS and the EHLO after it, when attempted). */
  public static HopVerdict judge(HopRequirement req, HopFacts facts) {
    boolean requireTls = req.sendRequireTls();
    if (req.nameValidated() && !facts.name().validForRequireTls()) {
      return refuse(req, NO_TLS, "MX host name not validated: MX answer not DNSSEC-signed and no MTA-STS policy match (RFC 8689 §4.2.1)");
    }
    if (req.dnssecName() && facts.name() != NameValidation.DNSSEC) {
      return refuse(req, NO_TLS, "the sender asked for a DNSSEC-validated MX (REQUIRETLS=DNSSEC) and the MX answer was not DNSSEC-signed");
    }
    if (req.tls().required() && !facts.tlsEstablished()) {
      return refuse(req, requireTls ? NO_TLS : TLS_NOT_AVAILABLE, "no TLS session could be established");
    }
    boolean hostOrDomain =
        req.tls() == TlsDemand.VERIFIED_DOMAIN ? facts.matchesDomain() : facts.matchesHost();
    boolean pkix = facts.pkixVerified() && hostOrDomain;
    boolean verified = facts.tlsEstablished() && (pkix || facts.daneVerified());
    if (req.tls().verified()) {
      if (req.daneOnly() && !facts.daneVerified()) {
        return refuse(req, NO_TLS, "the sender asked for DANE verification (REQUIRETLS=DANE) and the certificate was not DANE-verified");
      }
      if (req.pkixOnly() && !pkix) {
        return refuse(req, NO_TLS, "the sender asked for a PKIX-verified certificate (REQUIRETLS=CHAIN): " + certificateProblem(facts, hostOrDomain));
      }
      if (!verified) {
        return refuse(req, requireTls ? NO_TLS : CERT_NOT_VERIFIED, "server certificate not verified: " + certificateProblem(facts, hostOrDomain));
      }
    }
    if (req.requireTlsExtension() && !facts.requireTlsAdvertised()) {
      return refuse(req, NO_REQUIRETLS, "the server does not offer REQUIRETLS after STARTTLS (RFC 8689 §4.2.1)");
    }
    return new HopVerdict.Use(verified, req.sendRequireTls());
  }

  private static String certificateProblem(HopFacts facts, boolean nameMatches) {
    if (!facts.certificateProblem().isEmpty()) {
      return facts.certificateProblem();
    }
    return nameMatches ? "not trusted" : "it does not name the host";
  }

  private static HopVerdict refuse(HopRequirement req, EnhancedStatus status, String reason) {
    EnhancedStatus s =
        req.permanentOnRefusal() ? status : new EnhancedStatus(4, status.subject(), status.detail());
    return new HopVerdict.Refuse(s, req.permanentOnRefusal(), reason);
  }
}
