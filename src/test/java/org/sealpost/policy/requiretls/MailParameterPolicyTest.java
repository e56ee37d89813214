package org.sealpost.policy.requiretls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.sealpost.config.DraftSyntax;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.requiretls.MailParameterPolicy.SessionFacts;

class MailParameterPolicyTest {

  private static final SessionFacts PLAIN = new SessionFacts(false, false, false);
  private static final SessionFacts TLS = new SessionFacts(true, false, false);
  private static final SessionFacts SUBMISSION_AUTH_TLS = new SessionFacts(true, true, true);
  private static final SessionFacts SUBMISSION_ANON_TLS = new SessionFacts(true, true, false);

  private final MailParameterPolicy rfc = new MailParameterPolicy(DraftSyntax.REJECT);
  private final MailParameterPolicy draft = new MailParameterPolicy(DraftSyntax.ACCEPT);

  private static List<@Nullable String> values(@Nullable String... v) {
    return Arrays.asList(v);
  }

  @Test
  void absentParameterLeavesTheDecisionToTheHeader() {
    assertThat(rfc.decide(List.of(), TLS)).isInstanceOf(MailParameterDecision.Absent.class);
  }

  @Test
  void bareKeywordOnTlsTagsRequireTls_RT16() {
    assertThat(rfc.decide(values((String) null), TLS))
        .isEqualTo(new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.NONE));
  }

  @Test
  void bareKeywordWithoutTlsIsRefused530_RT7() {
    assertThat(rfc.decide(values((String) null), PLAIN))
        .isInstanceOfSatisfying(
            MailParameterDecision.Refused.class,
            r -> {
              assertThat(r.code()).isEqualTo(530);
              assertThat(r.status()).isEqualTo("5.7.10");
            });
  }

  @Test
  void repeatedKeywordIsRefused501_RT8() {
    assertThat(rfc.decide(values(null, null), TLS))
        .isInstanceOfSatisfying(
            MailParameterDecision.Refused.class, r -> assertThat(r.status()).isEqualTo("5.5.4"));
  }

  @Test
  void anyValueIsRefusedByDefault_DRAFT6() {
    for (String v : List.of("NO", "CHAIN", "DANE", "DNSSEC", "yes", "")) {
      assertThat(rfc.decide(values(v), SUBMISSION_AUTH_TLS))
          .as(v)
          .isInstanceOfSatisfying(
              MailParameterDecision.Refused.class,
              r -> assertThat(r.code() + " " + r.status()).isEqualTo("501 5.5.4"));
    }
  }

  @Test
  void draftValuesNeedSubmissionAndAuthenticationEvenWhenAccepted_DRAFT9() {
    assertThat(draft.decide(values("CHAIN"), TLS)).isInstanceOf(MailParameterDecision.Refused.class);
    assertThat(draft.decide(values("CHAIN"), SUBMISSION_ANON_TLS))
        .isInstanceOf(MailParameterDecision.Refused.class);
  }

  @Test
  void draftValuesMapToLocalInstructions_DRAFT9() {
    assertThat(draft.decide(values("no"), SUBMISSION_AUTH_TLS))
        .isEqualTo(new MailParameterDecision.Tagged(TlsRequirement.TLS_OPTIONAL, VerificationFloor.NONE));
    assertThat(draft.decide(values("CHAIN"), SUBMISSION_AUTH_TLS))
        .isEqualTo(new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.PKIX));
    assertThat(draft.decide(values("DANE"), SUBMISSION_AUTH_TLS))
        .isEqualTo(new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.DANE));
    assertThat(draft.decide(values("DNSSEC"), SUBMISSION_AUTH_TLS))
        .isEqualTo(
            new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.DNSSEC_MX));
    assertThat(draft.decide(values("SOMETIMES"), SUBMISSION_AUTH_TLS))
        .isInstanceOf(MailParameterDecision.Refused.class);
  }

  @Test
  void draftValuesStillNeedTls() {
    assertThat(draft.decide(values("CHAIN"), new SessionFacts(false, true, true)))
        .isInstanceOfSatisfying(
            MailParameterDecision.Refused.class, r -> assertThat(r.status()).isEqualTo("5.7.10"));
  }
}
