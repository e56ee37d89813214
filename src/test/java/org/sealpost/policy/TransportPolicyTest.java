package org.sealpost.policy;

import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.config.RequireTlsMode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.HopRequirement.TlsDemand;

/** Spec §1.12's decision table, row by row, plus the local policy levels (RT-13c). */
class TransportPolicyTest {

  private static final DestinationPolicy DEFAULT = DestinationPolicy.defaults();

  /** A compliant hop: validated name, TLS, PKIX-verified for its name, REQUIRETLS offered. */
  private static HopFacts good() {
    return new HopFacts(NameValidation.DNSSEC, true, true, true, false, false, true, "");
  }

  private static HopFacts with(NameValidation name, boolean tls, boolean pkix, boolean host, boolean rt) {
    return new HopFacts(name, tls, pkix, host, false, false, rt, pkix ? "" : "unable to find valid certification path");
  }

  private static String verdict(HopRequirement req, HopFacts facts) {
    return switch (TransportPolicy.judge(req, facts)) {
      case HopVerdict.Use u -> "use" + (u.sendRequireTls() ? "+requiretls" : "") + (u.verified() ? " verified" : "");
      case HopVerdict.Refuse r -> "refuse " + r.status() + (r.permanent() ? " permanent" : " temporary");
    };
  }

  private static HopRequirement requireTls() {
    return TransportPolicy.requirement(TlsRequirement.REQUIRE_TLS, VerificationFloor.NONE, DEFAULT);
  }

  @Test
  void requireTlsCompliantHopIsUsedWithTheParameter_RT27() {
    assertThat(verdict(requireTls(), good())).isEqualTo("use+requiretls verified");
    assertThat(verdict(requireTls(), with(NameValidation.MTA_STS, true, true, true, true)))
        .isEqualTo("use+requiretls verified");
    assertThat(verdict(requireTls(), with(NameValidation.IMPLICIT, true, true, true, true)))
        .isEqualTo("use+requiretls verified");
  }

  @Test
  void requireTlsRefusesAnUnvalidatedName_RT21() {
    assertThat(verdict(requireTls(), with(NameValidation.NONE, true, true, true, true)))
        .isEqualTo("refuse 5.7.10 permanent");
  }

  @Test
  void requireTlsRefusesCleartext_RT22_RT25() {
    assertThat(verdict(requireTls(), with(NameValidation.DNSSEC, false, false, false, false)))
        .isEqualTo("refuse 5.7.10 permanent");
  }

  @Test
  void requireTlsRefusesAnUnverifiedOrMisnamedCertificate_RT22() {
    assertThat(verdict(requireTls(), with(NameValidation.DNSSEC, true, false, true, true)))
        .isEqualTo("refuse 5.7.10 permanent");
    assertThat(verdict(requireTls(), with(NameValidation.DNSSEC, true, true, false, true)))
        .isEqualTo("refuse 5.7.10 permanent");
  }

  @Test
  void requireTlsRefusesAHostWithoutTheExtension_RT23_RT26() {
    assertThat(verdict(requireTls(), with(NameValidation.DNSSEC, true, true, true, false)))
        .isEqualTo("refuse 5.7.30 permanent");
  }

  @Test
  void daneVerificationCountsForRequireTls_RT22() {
    HopFacts dane = new HopFacts(NameValidation.DNSSEC, true, false, false, false, true, true, "");
    assertThat(verdict(requireTls(), dane)).isEqualTo("use+requiretls verified");
  }

  @Test
  void draftFloorsNarrowWhatQualifies_DRAFT9() {
    HopRequirement dnssec =
        TransportPolicy.requirement(TlsRequirement.REQUIRE_TLS, VerificationFloor.DNSSEC_MX, DEFAULT);
    assertThat(verdict(dnssec, with(NameValidation.MTA_STS, true, true, true, true))).startsWith("refuse 5.7.10");
    assertThat(verdict(dnssec, good())).startsWith("use");
    HopRequirement chain =
        TransportPolicy.requirement(TlsRequirement.REQUIRE_TLS, VerificationFloor.PKIX, DEFAULT);
    HopFacts daneOnly = new HopFacts(NameValidation.DNSSEC, true, false, false, false, true, true, "");
    assertThat(verdict(chain, daneOnly)).startsWith("refuse 5.7.10");
    HopRequirement dane =
        TransportPolicy.requirement(TlsRequirement.REQUIRE_TLS, VerificationFloor.DANE, DEFAULT);
    assertThat(verdict(dane, good())).startsWith("refuse 5.7.10");
    assertThat(verdict(dane, daneOnly)).startsWith("use");
  }

  @Test
  void tlsOptionalGoesAnywhereUnderTheDefaultPolicy_RT12_RT28() {
    HopRequirement req =
        TransportPolicy.requirement(TlsRequirement.TLS_OPTIONAL, VerificationFloor.NONE, DEFAULT);
    assertThat(req.tls()).isEqualTo(TlsDemand.OPPORTUNISTIC);
    assertThat(verdict(req, with(NameValidation.NONE, false, false, false, false))).isEqualTo("use");
    assertThat(verdict(req, with(NameValidation.NONE, true, false, false, false))).isEqualTo("use");
  }

  @Test
  void tlsOptionalStillObeysALocalMandatoryPolicy_RT13c() {
    DestinationPolicy verify = new DestinationPolicy(TlsPolicyLevel.VERIFY, RequireTlsMode.ENFORCE);
    HopRequirement req =
        TransportPolicy.requirement(TlsRequirement.TLS_OPTIONAL, VerificationFloor.NONE, verify);
    assertThat(verdict(req, with(NameValidation.NONE, false, false, false, false)))
        .isEqualTo("refuse 4.7.4 temporary");
    assertThat(verdict(req, with(NameValidation.NONE, true, false, true, false)))
        .isEqualTo("refuse 4.7.5 temporary");
    assertThat(verdict(req, with(NameValidation.NONE, true, true, true, false))).isEqualTo("use verified");
  }

  @Test
  void untaggedMailFollowsTheLevel() {
    HopFacts plain = with(NameValidation.NONE, false, false, false, false);
    for (TlsPolicyLevel level : TlsPolicyLevel.values()) {
      HopRequirement req =
          TransportPolicy.requirement(TlsRequirement.UNSPECIFIED, VerificationFloor.NONE,
              new DestinationPolicy(level, RequireTlsMode.ENFORCE));
      assertThat(verdict(req, plain)).as(level.code())
          .isEqualTo(level.mandatory() ? "refuse 4.7.4 temporary" : "use");
    }
  }

  @Test
  void secureLevelChecksTheDomainNotTheMxName() {
    DestinationPolicy secure = new DestinationPolicy(TlsPolicyLevel.SECURE, RequireTlsMode.ENFORCE);
    HopRequirement req =
        TransportPolicy.requirement(TlsRequirement.UNSPECIFIED, VerificationFloor.NONE, secure);
    HopFacts hostOnly = new HopFacts(NameValidation.NONE, true, true, true, false, false, false, "");
    HopFacts domain = new HopFacts(NameValidation.NONE, true, true, false, true, false, false, "");
    assertThat(verdict(req, hostOnly)).isEqualTo("refuse 4.7.5 temporary");
    assertThat(verdict(req, domain)).isEqualTo("use verified");
  }

  @Test
  void disabledRequireTlsTreatsTheMessageAsUntagged() {
    DestinationPolicy off = new DestinationPolicy(TlsPolicyLevel.MAY, RequireTlsMode.DISABLE);
    HopRequirement req =
        TransportPolicy.requirement(TlsRequirement.REQUIRE_TLS, VerificationFloor.NONE, off);
    assertThat(req.sendRequireTls()).isFalse();
    assertThat(verdict(req, with(NameValidation.NONE, false, false, false, false))).isEqualTo("use");
  }
}
