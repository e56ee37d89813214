package org.sealpost.policy;

import org.sealpost.config.MtaStsMode;
import org.sealpost.config.TlsPolicyLevel;
import org.sealpost.config.RequireTlsMode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.HopRequirement.TlsDemand;
import org.sealpost.policy.PublishedPolicy.Dane;

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

  // --- Recipient-published policy, host by host (RFC 7672, RFC 8461) ---

  private static final DestinationPolicy DANE_LEVEL = DestinationPolicy.defaults();

  private static HopRequirement untagged(TlsPolicyLevel level) {
    return TransportPolicy.requirement(TlsRequirement.UNSPECIFIED, VerificationFloor.NONE,
        new DestinationPolicy(level, RequireTlsMode.ENFORCE));
  }

  private static HopRequirement forHost(HopRequirement req, PublishedPolicy published) {
    return switch (TransportPolicy.forHost(req, published, NameValidation.DNSSEC)) {
      case HostDemand.Try t -> t.requirement();
      case HostDemand.Skip skip -> throw new AssertionError("skipped: " + skip.refusal());
    };
  }

  private static String skipped(HopRequirement req, PublishedPolicy published) {
    return switch (TransportPolicy.forHost(req, published, NameValidation.DNSSEC)) {
      case HostDemand.Try t -> "try";
      case HostDemand.Skip skip -> "skip " + skip.refusal().status() + (skip.refusal().permanent() ? " permanent" : " temporary");
    };
  }

  private static HopFacts tls(boolean pkix, boolean dane) {
    return new HopFacts(NameValidation.NONE, true, pkix, pkix, false, dane, false, pkix ? "" : "self-signed");
  }

  private static PublishedPolicy dane(Dane state) {
    return new PublishedPolicy(state, MtaStsMode.NONE, false);
  }

  private static PublishedPolicy sts(MtaStsMode mode, boolean matches) {
    return new PublishedPolicy(Dane.NONE, mode, matches);
  }

  @Test
  void theDefaultLevelIsOpportunisticDane() {
    assertThat(DANE_LEVEL.level()).isEqualTo(TlsPolicyLevel.DANE);
    HopRequirement req = untagged(TlsPolicyLevel.DANE);
    assertThat(req.lookUpTlsa()).isTrue();
    assertThat(req.tls()).isEqualTo(TlsDemand.OPPORTUNISTIC);
    assertThat(untagged(TlsPolicyLevel.MAY).lookUpTlsa()).isFalse();
    assertThat(untagged(TlsPolicyLevel.VERIFY).lookUpTlsa()).isFalse();
    assertThat(requireTls().lookUpTlsa()).as("RT-22: DANE counts for REQUIRETLS").isTrue();
  }

  @Test
  void usableTlsaDemandsADaneMatchAndPkixDoesNotReplaceIt_DANE6_DANE12() {
    HopRequirement req = forHost(untagged(TlsPolicyLevel.DANE), dane(Dane.USABLE));
    assertThat(req.daneAuthenticated()).isTrue();
    assertThat(verdict(req, with(NameValidation.NONE, false, false, false, false))).isEqualTo("refuse 4.7.4 temporary");
    assertThat(verdict(req, tls(true, false))).isEqualTo("refuse 4.7.5 temporary");
    assertThat(verdict(req, tls(false, true))).isEqualTo("use verified");
  }

  @Test
  void unusableTlsaStillForbidsCleartext_DANE6_DANE7() {
    HopRequirement req = forHost(untagged(TlsPolicyLevel.DANE), dane(Dane.UNUSABLE));
    assertThat(req.tls()).isEqualTo(TlsDemand.ENCRYPTED);
    assertThat(req.daneAuthenticated()).isFalse();
    assertThat(verdict(req, with(NameValidation.NONE, false, false, false, false))).isEqualTo("refuse 4.7.4 temporary");
    assertThat(verdict(req, tls(false, false))).isEqualTo("use");
  }

  @Test
  void noTlsaMeansPreDaneOpportunisticTls_DANE6() {
    HopRequirement req = forHost(untagged(TlsPolicyLevel.DANE), dane(Dane.NONE));
    assertThat(verdict(req, with(NameValidation.NONE, false, false, false, false))).isEqualTo("use");
  }

  @Test
  void daneOnlySkipsAHostWithoutUsableRecordsAndDelays_DANE14() {
    assertThat(skipped(untagged(TlsPolicyLevel.DANE_ONLY), dane(Dane.NONE))).isEqualTo("skip 4.7.5 temporary");
    assertThat(skipped(untagged(TlsPolicyLevel.DANE_ONLY), dane(Dane.UNUSABLE))).isEqualTo("skip 4.7.5 temporary");
    HopRequirement req = forHost(untagged(TlsPolicyLevel.DANE_ONLY), dane(Dane.USABLE));
    assertThat(verdict(req, tls(true, false))).isEqualTo("refuse 4.7.5 temporary");
    assertThat(verdict(req, tls(false, true))).isEqualTo("use verified");
  }

  @Test
  void requireTlsFloorDaneSkipsHostsWithoutTlsaAndBounces_DRAFT9_DANE14() {
    HopRequirement dane =
        TransportPolicy.requirement(TlsRequirement.REQUIRE_TLS, VerificationFloor.DANE, DEFAULT);
    assertThat(skipped(dane, dane(Dane.NONE))).isEqualTo("skip 5.7.10 permanent");
  }

  @Test
  void requireTlsOverDaneNeedsTheMatchAndRefusesAMismatchForGood_RT22_DANE12() {
    HopRequirement req = forHost(requireTls(), dane(Dane.USABLE));
    HopFacts daneMatch = new HopFacts(NameValidation.DNSSEC, true, false, false, false, true, true, "");
    HopFacts pkixOnly = new HopFacts(NameValidation.DNSSEC, true, true, true, false, false, true, "");
    assertThat(verdict(req, daneMatch)).isEqualTo("use+requiretls verified");
    assertThat(verdict(req, pkixOnly)).isEqualTo("refuse 5.7.10 permanent");
  }

  @Test
  void daneWinsOverMtaSts_STS12() {
    HopRequirement req = forHost(untagged(TlsPolicyLevel.DANE), new PublishedPolicy(Dane.USABLE, MtaStsMode.ENFORCE, true));
    assertThat(verdict(req, tls(true, false))).as("a valid MTA-STS result never overrides a DANE failure")
        .isEqualTo("refuse 4.7.5 temporary");
    assertThat(skipped(untagged(TlsPolicyLevel.DANE), new PublishedPolicy(Dane.USABLE, MtaStsMode.ENFORCE, false)))
        .as("with DANE, the MTA-STS mx patterns do not rule the host out").isEqualTo("try");
  }

  @Test
  void stsEnforceSkipsHostsOutsideThePatternsTemporarily_STS9_STS10_STS11() {
    assertThat(skipped(untagged(TlsPolicyLevel.MAY), sts(MtaStsMode.ENFORCE, false))).isEqualTo("skip 4.7.5 temporary");
    assertThat(skipped(requireTls(), sts(MtaStsMode.ENFORCE, false))).isEqualTo("skip 4.7.5 temporary");
  }

  @Test
  void stsEnforceDemandsStartTlsAndAPkixCertificateForTheMxName_STS8_STS9() {
    HopRequirement req = forHost(untagged(TlsPolicyLevel.MAY), sts(MtaStsMode.ENFORCE, true));
    assertThat(req.tls()).isEqualTo(TlsDemand.VERIFIED_HOST);
    assertThat(verdict(req, with(NameValidation.MTA_STS, false, false, false, false))).isEqualTo("refuse 4.7.4 temporary");
    assertThat(verdict(req, tls(false, false))).isEqualTo("refuse 4.7.5 temporary");
    assertThat(verdict(req, tls(true, false))).isEqualTo("use verified");
  }

  @Test
  void stsTestingAndNoneChangeNothing_STS9() {
    for (PublishedPolicy p : new PublishedPolicy[] {sts(MtaStsMode.TESTING, false), sts(MtaStsMode.TESTING, true), sts(MtaStsMode.NONE, false)}) {
      HopRequirement req = forHost(untagged(TlsPolicyLevel.MAY), p);
      assertThat(verdict(req, with(NameValidation.NONE, false, false, false, false))).as(p.toString()).isEqualTo("use");
    }
  }

  @Test
  void tlsOptionalIgnoresDaneAndMtaSts_RT12() {
    HopRequirement req =
        TransportPolicy.requirement(TlsRequirement.TLS_OPTIONAL, VerificationFloor.NONE, DEFAULT);
    assertThat(req.honoursPublished()).isFalse();
    assertThat(req.lookUpTlsa()).isFalse();
    HopRequirement host = forHost(req, new PublishedPolicy(Dane.USABLE, MtaStsMode.ENFORCE, false));
    assertThat(verdict(host, with(NameValidation.NONE, false, false, false, false))).isEqualTo("use");
    assertThat(verdict(host, tls(false, false))).isEqualTo("use");
  }

  @Test
  void tlsOptionalStillObeysALocalDaneOnlyLevel_RT13c() {
    HopRequirement req = TransportPolicy.requirement(TlsRequirement.TLS_OPTIONAL, VerificationFloor.NONE,
        new DestinationPolicy(TlsPolicyLevel.DANE_ONLY, RequireTlsMode.ENFORCE));
    assertThat(req.lookUpTlsa()).isTrue();
    assertThat(skipped(req, dane(Dane.NONE))).isEqualTo("skip 4.7.5 temporary");
    assertThat(verdict(forHost(req, dane(Dane.USABLE)), tls(true, false))).isEqualTo("refuse 4.7.5 temporary");
  }

  @Test
  void anUnvalidatedNameIsRefusedBeforeConnecting_RT21() {
    HopVerdict.Refuse r = ((HostDemand.Skip) TransportPolicy.forHost(requireTls(), PublishedPolicy.none(),
        NameValidation.NONE)).refusal();
    assertThat(r.status()).hasToString("5.7.10");
    assertThat(r.permanent()).isTrue();
    assertThat(TransportPolicy.forHost(untagged(TlsPolicyLevel.MAY), PublishedPolicy.none(), NameValidation.NONE))
        .isInstanceOf(HostDemand.Try.class);
  }
}
