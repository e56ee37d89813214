package org.sealpost.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sealpost.dns.Security;
import org.sealpost.dns.TlsaRecord;
import org.sealpost.mail.Domain;
import org.sealpost.tls.TestPki;

/** Certificate chains against TLSA records (RFC 7672 §3, RFC 6698 §2.1, RFC 7671 §9). */
class DaneVerifierTest {

  private static final Instant NOW = Instant.now();
  private static final Domain MX = Domain.of("mx.dest.test");
  private static final ReferenceNames MX_ONLY = ReferenceNames.only(MX);

  private final DaneVerifier verifier = new DaneVerifier(InstantSource.fixed(NOW));
  private final TestPki pki = TestPki.create();
  /** An intermediate CA under the test root, the usual DANE-TA anchor. */
  private final TestPki.Issued intermediate = TestPki.issue(pki.asIssuer(), true,
      NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), "Sealpost Intermediate CA");

  private TestPki.Issued leafUnderIntermediate(String cn, String... dnsNames) {
    return TestPki.issue(intermediate, false, NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(30)), cn, dnsNames);
  }

  private DaneVerdict verify(List<X509Certificate> chain, ReferenceNames names,
      TlsaRecord... records) {
    return verifier.verify(chain, List.of(records), names);
  }

  @Test
  void daneEeMatchesAnExpiredSelfSignedCertificateWithoutNameChecks_DANE8() {
    TestPki.Issued expired = TestPki.selfSigned(NOW.minus(Duration.ofDays(400)),
        NOW.minus(Duration.ofDays(35)), "some.other.name");
    TlsaRecord record = Tlsa.of(3, 1, 1, expired.leaf());

    DaneVerdict v = verify(expired.chain(), MX_ONLY, record);

    assertThat(v).isEqualTo(new DaneVerdict.Matched(record, 0, Optional.empty()));
    assertThat(((DaneVerdict.Matched) v).describe()).startsWith("DANE-EE 3 1 1 ");
  }

  @ParameterizedTest(name = "3 {0} {1}")
  @CsvSource({"0,0", "0,1", "0,2", "1,0", "1,1", "1,2"})
  void daneEeMatchesWithEverySelectorAndMatchingType(int selector, int matching) {
    TestPki.Issued server = pki.server("mx.dest.test");
    TlsaRecord record = Tlsa.of(3, selector, matching, server.leaf());

    assertThat(verify(server.chain(), MX_ONLY, record).verified()).isTrue();
  }

  @Test
  void daneEeWithTheDigestOfAnotherKeyFails_DANE12() {
    TestPki.Issued server = pki.server("mx.dest.test");
    TlsaRecord other = Tlsa.of(3, 1, 1, pki.server("mx.dest.test").leaf());

    DaneVerdict v = verify(server.chain(), MX_ONLY, other);

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class, f -> {
      assertThat(f.resultType()).isEqualTo(TlsRptResultType.TLSA_INVALID);
      assertThat(f.reason()).contains("DANE-EE record 3 1 1 ").contains("does not match");
    });
  }

  @Test
  void daneEeMatchesOnlyTheLeafNeverAnIssuer_DANE8() {
    TestPki.Issued server = pki.server("mx.dest.test");
    TlsaRecord caRecord = Tlsa.of(3, 0, 1, pki.caCertificate());

    assertThat(verify(server.chain(), MX_ONLY, caRecord).verified()).isFalse();
  }

  @Test
  void daneTaWithIntermediateAnchorInTheChainAndTheRightName_DANE9() {
    TestPki.Issued server = leafUnderIntermediate("mx.dest.test", "mx.dest.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, intermediate.leaf());

    DaneVerdict v = verify(server.chain(), MX_ONLY, record);

    assertThat(v).isEqualTo(new DaneVerdict.Matched(record, 1, Optional.of(MX)));
    assertThat(((DaneVerdict.Matched) v).describe())
        .startsWith("DANE-TA 2 0 1 ").endsWith(" at depth 1 for mx.dest.test");
  }

  @Test
  void daneTaWithTheRootAsAnchorChecksEveryLinkBelowIt() {
    TestPki.Issued server = leafUnderIntermediate("mx.dest.test", "mx.dest.test");
    assertThat(server.chain()).hasSize(3);
    TlsaRecord record = Tlsa.of(2, 1, 2, pki.caCertificate());

    assertThat(verify(server.chain(), MX_ONLY, record))
        .isEqualTo(new DaneVerdict.Matched(record, 2, Optional.of(MX)));
  }

  @Test
  void daneTaFindsTheAnchorInAChainSentOutOfOrder() {
    TestPki.Issued server = leafUnderIntermediate("mx.dest.test", "mx.dest.test");
    List<X509Certificate> shuffled =
        List.of(server.leaf(), pki.caCertificate(), intermediate.leaf());
    TlsaRecord record = Tlsa.of(2, 0, 1, pki.caCertificate());

    assertThat(verify(shuffled, MX_ONLY, record))
        .isEqualTo(new DaneVerdict.Matched(record, 1, Optional.of(MX)));
  }

  @Test
  void daneTaWithTheWrongNameIsAHostMismatch_DANE9() {
    TestPki.Issued server = leafUnderIntermediate("mx.other.test", "mx.other.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, intermediate.leaf());

    DaneVerdict v = verify(server.chain(), MX_ONLY, record);

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class, f -> {
      assertThat(f.resultType()).isEqualTo(TlsRptResultType.CERTIFICATE_HOST_MISMATCH);
      assertThat(f.reason()).contains("[mx.dest.test]").contains("DNS names mx.other.test");
    });
  }

  @Test
  void daneTaWildcardMatchesExactlyOneLeftMostLabel_DANE11() {
    TestPki.Issued server = leafUnderIntermediate("*.dest.test", "*.dest.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, intermediate.leaf());

    assertThat(verify(server.chain(), MX_ONLY, record).verified()).isTrue();
    assertThat(verify(server.chain(), ReferenceNames.only(Domain.of("a.mx.dest.test")), record)
        .verified()).isFalse();
    assertThat(verify(server.chain(), ReferenceNames.only(Domain.of("dest.test")), record)
        .verified()).isFalse();
  }

  @Test
  void daneTaUsesTheCommonNameOnlyWhenThereIsNoDnsId_DANE11() {
    TlsaRecord record = Tlsa.of(2, 0, 1, intermediate.leaf());
    TestPki.Issued cnOnly = leafUnderIntermediate("mx.dest.test");
    TestPki.Issued cnAndOtherSan = leafUnderIntermediate("mx.dest.test", "mx.other.test");

    assertThat(verify(cnOnly.chain(), MX_ONLY, record).verified()).isTrue();
    assertThat(verify(cnAndOtherSan.chain(), MX_ONLY, record).verified()).isFalse();
  }

  @Test
  void daneTaAcceptsTheNextHopDomainOnlyWhenTheMxWasSecure_DANE9() {
    TestPki.Issued server = leafUnderIntermediate("dest.test", "dest.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, intermediate.leaf());
    Domain dest = Domain.of("dest.test");

    ReferenceNames secure = ReferenceNames.forHost(MX, MX, Security.SECURE, dest, dest);
    ReferenceNames insecure = ReferenceNames.forHost(MX, MX, Security.INSECURE, dest, dest);

    assertThat(verify(server.chain(), secure, record))
        .isEqualTo(new DaneVerdict.Matched(record, 1, Optional.of(dest)));
    assertThat(verify(server.chain(), insecure, record).verified()).isFalse();
  }

  @Test
  void daneTaAnchorMissingFromTheChainFails_DANE9() {
    TestPki.Issued server = leafUnderIntermediate("mx.dest.test", "mx.dest.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, intermediate.leaf());

    DaneVerdict v = verify(List.of(server.leaf()), MX_ONLY, record);

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class, f -> {
      assertThat(f.resultType()).isEqualTo(TlsRptResultType.TLSA_INVALID);
      assertThat(f.reason()).contains("matches no CA certificate the server presented");
    });
  }

  @Test
  void daneTaRecordForTheLeafItselfIsExplained() {
    TestPki.Issued server = pki.server("mx.dest.test");
    TlsaRecord record = Tlsa.of(2, 1, 1, server.leaf());

    DaneVerdict v = verify(server.chain(), MX_ONLY, record);

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class,
        f -> assertThat(f.reason()).contains("needs usage 3 (DANE-EE)"));
  }

  @Test
  void daneTaRejectsAnExpiredLeaf() {
    TestPki.Issued expired = TestPki.issue(intermediate, false, NOW.minus(Duration.ofDays(60)),
        NOW.minus(Duration.ofDays(1)), "mx.dest.test", "mx.dest.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, intermediate.leaf());

    DaneVerdict v = verify(expired.chain(), MX_ONLY, record);

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class, f -> {
      assertThat(f.resultType()).isEqualTo(TlsRptResultType.CERTIFICATE_EXPIRED);
      assertThat(f.reason()).contains("CN=mx.dest.test").contains("expired");
    });
  }

  @Test
  void daneTaIgnoresTheValidityDatesOfTheAnchorItself() {
    // Project reading of RFC 5280 §6.1.1: a trust anchor is a key; its certificate's dates do not
    // bound it. The leaf's dates are checked (daneTaRejectsAnExpiredLeaf).
    TestPki.Issued expiredCa = TestPki.issue(pki.asIssuer(), true, NOW.minus(Duration.ofDays(90)),
        NOW.minus(Duration.ofDays(1)), "Expired Intermediate CA");
    TestPki.Issued server = TestPki.issue(expiredCa, false, NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(30)), "mx.dest.test", "mx.dest.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, expiredCa.leaf());

    assertThat(verify(server.chain(), MX_ONLY, record).verified()).isTrue();
  }

  @Test
  void daneTaRejectsALeafNotSignedByTheAnchor() {
    // Every TestPki CA is named "Sealpost Test CA": the names line up, the signature does not.
    TestPki.Issued impostor = TestPki.create().server("mx.dest.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, pki.caCertificate());

    DaneVerdict v =
        verify(List.of(impostor.leaf(), pki.caCertificate()), MX_ONLY, record);

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class, f -> {
      assertThat(f.resultType()).isEqualTo(TlsRptResultType.VALIDATION_FAILURE);
      assertThat(f.reason()).contains("signature").contains("does not verify");
    });
  }

  @Test
  void daneTaRejectsAnIssuerThatIsNotACa() {
    TestPki.Issued notCa = TestPki.issue(pki.asIssuer(), false, NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(30)), "Not A CA", "not-a-ca.dest.test");
    TestPki.Issued server = TestPki.issue(notCa, false, NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(30)), "mx.dest.test", "mx.dest.test");
    TlsaRecord record = Tlsa.of(2, 0, 1, notCa.leaf());

    DaneVerdict v = verify(server.chain(), MX_ONLY, record);

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class, f -> {
      assertThat(f.resultType()).isEqualTo(TlsRptResultType.VALIDATION_FAILURE);
      assertThat(f.reason()).contains("'CN=Not A CA' is not a CA certificate");
    });
  }

  @Test
  void digestAgilityCountsOnlyTheStrongestDigestPerUsageAndSelector_DANE10() {
    TestPki.Issued server = pki.server("mx.dest.test");
    TestPki.Issued next = pki.server("mx.dest.test");
    TlsaRecord sha256Right = Tlsa.of(3, 1, 1, server.leaf());
    TlsaRecord sha512Other = Tlsa.of(3, 1, 2, next.leaf());
    TlsaRecord sha512Right = Tlsa.of(3, 1, 2, server.leaf());
    TlsaRecord sha256Other = Tlsa.of(3, 1, 1, next.leaf());

    // RFC 7671 §9: with a SHA2-512 record present, the matching SHA2-256 one no longer counts.
    assertThat(verify(server.chain(), MX_ONLY, sha256Right, sha512Other).verified()).isFalse();
    assertThat(verify(server.chain(), MX_ONLY, sha256Other, sha512Right))
        .isEqualTo(new DaneVerdict.Matched(sha512Right, 0, Optional.empty()));
    // Another selector is another group: its SHA2-512 does not silence a "3 0 1".
    TlsaRecord certSha256 = Tlsa.of(3, 0, 1, server.leaf());
    assertThat(verify(server.chain(), MX_ONLY, certSha256, sha512Other).verified()).isTrue();
  }

  @Test
  void pkixUsagesAreIgnoredEvenWhenTheyMatch_DANE10() {
    TestPki.Issued server = pki.server("mx.dest.test");

    DaneVerdict v = verify(server.chain(), MX_ONLY, Tlsa.of(1, 1, 1, server.leaf()),
        Tlsa.of(0, 0, 1, pki.caCertificate()));

    assertThat(v).isEqualTo(new DaneVerdict.Failed("no usable TLSA record to verify the server with",
        TlsRptResultType.TLSA_INVALID));
  }

  @Test
  void noCertificateAtAllIsAValidationFailure() {
    DaneVerdict v = verify(List.of(), MX_ONLY, Tlsa.of(3, 1, 1, pki.caCertificate()));

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class,
        f -> assertThat(f.resultType()).isEqualTo(TlsRptResultType.VALIDATION_FAILURE));
  }

  @Test
  void theFailureThatGotFurthestIsReported() {
    TestPki.Issued server = leafUnderIntermediate("mx.other.test", "mx.other.test");
    TlsaRecord absent = Tlsa.of(2, 0, 1, TestPki.create().caCertificate());
    TlsaRecord wrongName = Tlsa.of(2, 0, 1, intermediate.leaf());
    TlsaRecord otherLeaf = Tlsa.of(3, 1, 1, pki.server("mx.dest.test").leaf());

    DaneVerdict v = verify(server.chain(), MX_ONLY, absent, otherLeaf, wrongName);

    assertThat(v).isInstanceOfSatisfying(DaneVerdict.Failed.class, f -> assertThat(
        f.resultType()).isEqualTo(TlsRptResultType.CERTIFICATE_HOST_MISMATCH));
  }

  @Test
  void anyMatchingRecordIsEnoughWhateverTheOrder() {
    TestPki.Issued server = leafUnderIntermediate("mx.dest.test", "mx.dest.test");
    TlsaRecord stale = Tlsa.of(3, 1, 1, pki.server("mx.dest.test").leaf());
    TlsaRecord ta = Tlsa.of(2, 0, 1, intermediate.leaf());

    assertThat(verify(server.chain(), MX_ONLY, stale, ta).verified()).isTrue();
    assertThat(verify(server.chain(), MX_ONLY, ta, stale).verified()).isTrue();
  }
}
