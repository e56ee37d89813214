package org.sealpost.policy;

import org.jspecify.annotations.Nullable;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.HopRequirement.TlsDemand;
import org.sealpost.policy.mtasts.MtaStsPolicy;

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
 *
 * <p>{@link #requirement} works out a message's demand for a destination; {@link #forHost} adds
 * what each candidate host's published policy asks (DANE TLSA, RFC 7672; MTA-STS, RFC 8461) before
 * connecting; {@link #judge} decides after EHLO and STARTTLS.
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
          true,
          true, // RT-22: DANE counts as verification, so look it up whatever the level
          false,
          floor == VerificationFloor.NONE ? "REQUIRETLS (RFC 8689)" : "REQUIRETLS with floor " + floor.code());
    }
    if (tag == TlsRequirement.TLS_OPTIONAL) {
      // RT-12: recipient-published DANE and MTA-STS are ignored; the local level still holds (RT-13c).
      HopRequirement local = untagged(policy, "TLS-Required: No; TLS policy " + policy.level().code());
      return new HopRequirement(local.tls(), false, false, false, local.daneOnly(), false, false, false,
          false, local.daneOnly(), false, local.why());
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
          case DANE -> TlsDemand.OPPORTUNISTIC;
          case DANE_ONLY -> TlsDemand.ENCRYPTED;
        };
    boolean daneOnly = policy.level() == TlsPolicyLevel.DANE_ONLY;
    // Level none: no TLS, so nothing published is looked up either.
    return new HopRequirement(tls, false, false, false, daneOnly, false, false, false,
        policy.level() != TlsPolicyLevel.NONE, policy.level().usesDane(), false, why);
  }

  /**
   * The demand for one candidate host, given what its destination publishes; or a reason not to
   * connect at all. {@code TLS-Required: No} messages ignore published policy (RT-12).
   *
   * <ul>
   *   <li>Usable TLSA records: TLS authenticated by DANE alone; MTA-STS then does not count
   *       (DANE-6, DANE-12, STS-12).
   *   <li>Secure but unusable TLSA records: TLS without authentication, never cleartext (DANE-7).
   *   <li>Mandatory DANE (level {@code dane-only}, or the draft's {@code REQUIRETLS=DANE}) and no
   *       usable records: the host is not used (DANE-14).
   *   <li>MTA-STS {@code enforce}: a host outside the policy's {@code mx} patterns is not used, and
   *       the others need a PKIX-verified certificate naming them (STS-8, STS-9); such refusals are
   *       temporary, so a new policy can be fetched first (STS-10). {@code testing} changes
   *       nothing here: it is reported through TLS-RPT.
   * </ul>
   */
  public static HostDemand forHost(HopRequirement req, PublishedPolicy published, NameValidation name) {
    // RFC 8689 §4.2.1: the name is validated (step 2) before any session is opened (step 3), so an
    // unvalidated host never even sees the handshake.
    HopVerdict.Refuse unvalidated = nameRefusal(req, name);
    if (unvalidated != null) {
      return new HostDemand.Skip(unvalidated);
    }
    boolean requireTls = req.sendRequireTls();
    if (req.daneOnly() && published.dane() != PublishedPolicy.Dane.USABLE) {
      // A local dane-only level binds TLS-Required: No messages too (RT-13c).
      return new HostDemand.Skip(refuse(req, requireTls ? NO_TLS : CERT_NOT_VERIFIED,
          "only DANE-authenticated TLS is accepted (" + req.why() + ") and the host has no usable TLSA records (RFC 7672 §6)"));
    }
    if (!req.honoursPublished()) {
      return new HostDemand.Try(req.daneOnly() ? req.withDane("local policy dane-only") : req);
    }
    HopRequirement demand = req;
    switch (published.dane()) {
      case USABLE -> {
        return new HostDemand.Try(demand.withDane("usable DANE TLSA records (RFC 7672)"));
      }
      case UNUSABLE -> demand = demand.atLeast(TlsDemand.ENCRYPTED, "TLSA records published, none usable (RFC 7672 §2.2)");
      case NONE -> {}
    }
    if (published.stsMode() == MtaStsMode.ENFORCE) {
      if (!published.stsMatches()) {
        return new HostDemand.Skip(new HopVerdict.Refuse(new EnhancedStatus(4, 7, 5), false,
            "the host does not match the mx patterns of the domain's MTA-STS policy in enforce mode (RFC 8461 §4.1)"));
      }
      demand = demand.atLeast(TlsDemand.VERIFIED_HOST, "MTA-STS policy in enforce mode (RFC 8461 §5)");
    }
    return new HostDemand.Try(demand);
  }

  /** Judges one hop after EHLO (and STARTTLS and the EHLO after it, when attempted). */
  public static HopVerdict judge(HopRequirement req, HopFacts facts) {
    boolean requireTls = req.sendRequireTls();
    HopVerdict.Refuse unvalidated = nameRefusal(req, facts.name());
    if (unvalidated != null) {
      return unvalidated;
    }
    if (req.tls().required() && !facts.tlsEstablished()) {
      return refuse(req, requireTls ? NO_TLS : TLS_NOT_AVAILABLE, "no TLS session could be established");
    }
    boolean hostOrDomain =
        req.tls() == TlsDemand.VERIFIED_DOMAIN ? facts.matchesDomain() : facts.matchesHost();
    boolean pkix = facts.pkixVerified() && hostOrDomain;
    boolean verified =
        facts.tlsEstablished() && (req.daneAuthenticated() ? facts.daneVerified() : pkix || facts.daneVerified());
    if (req.daneAuthenticated() && facts.tlsEstablished() && !facts.daneVerified()) {
      // DANE-12: usable TLSA records and no match: never this host, whatever PKIX says.
      return refuse(req, requireTls ? NO_TLS : CERT_NOT_VERIFIED,
          "the certificate matches none of the host's usable TLSA records (RFC 7672 §3.2): " + certificateProblem(facts, true));
    }
    if (req.daneOnly() && facts.tlsEstablished() && !facts.daneVerified()) {
      return refuse(req, requireTls ? NO_TLS : CERT_NOT_VERIFIED,
          "only DANE-authenticated TLS is accepted (" + req.why() + ") and the certificate was not DANE-verified");
    }
    if (req.tls().verified()) {
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

  /** RT-21 and the draft's {@code REQUIRETLS=DNSSEC} floor: how the host's name must be validated. */
  private static HopVerdict.@Nullable Refuse nameRefusal(HopRequirement req, NameValidation name) {
    if (req.nameValidated() && !name.validForRequireTls()) {
      return refuse(req, NO_TLS, "MX host name not validated: MX answer not DNSSEC-signed and no MTA-STS policy match (RFC 8689 §4.2.1)");
    }
    if (req.dnssecName() && name != NameValidation.DNSSEC) {
      return refuse(req, NO_TLS, "the sender asked for a DNSSEC-validated MX (REQUIRETLS=DNSSEC) and the MX answer was not DNSSEC-signed");
    }
    return null;
  }

  private static String certificateProblem(HopFacts facts, boolean nameMatches) {
    if (!facts.certificateProblem().isEmpty()) {
      return facts.certificateProblem();
    }
    return nameMatches ? "not trusted" : "it does not name the host";
  }

  private static HopVerdict.Refuse refuse(HopRequirement req, EnhancedStatus status, String reason) {
    EnhancedStatus s =
        req.permanentOnRefusal() ? status : new EnhancedStatus(4, status.subject(), status.detail());
    return new HopVerdict.Refuse(s, req.permanentOnRefusal(), reason);
  }
}
