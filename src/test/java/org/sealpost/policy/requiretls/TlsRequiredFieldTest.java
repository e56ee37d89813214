package org.sealpost.policy.requiretls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.mail.VerificationFloor;
import org.sealpost.policy.requiretls.TlsRequiredField.Field;
import org.sealpost.policy.requiretls.TlsRequiredField.Verdict;

class TlsRequiredFieldTest {

  private static Verdict of(Field... fields) {
    return TlsRequiredField.evaluate(List.of(fields));
  }

  @Test
  void noFieldIsAbsent() {
    assertThat(of(new Field("Subject", " hi"))).isEqualTo(Verdict.ABSENT);
  }

  @Test
  void oneNoFieldIsTlsOptionalWhateverTheCase_RT10() {
    assertThat(of(new Field("TLS-Required", " No"))).isEqualTo(Verdict.TLS_OPTIONAL);
    assertThat(of(new Field("tls-required", "no"))).isEqualTo(Verdict.TLS_OPTIONAL);
    assertThat(of(new Field("TLS-REQUIRED", "  NO  "))).isEqualTo(Verdict.TLS_OPTIONAL);
  }

  @Test
  void foldedValueIsUnfolded_RT10() {
    assertThat(of(new Field("TLS-Required", "\r\n No"))).isEqualTo(Verdict.TLS_OPTIONAL);
    assertThat(of(new Field("TLS-Required", "\r\n\tNo\r\n "))).isEqualTo(Verdict.TLS_OPTIONAL);
  }

  @Test
  void duplicateFieldsAreIgnored_RT11() {
    assertThat(of(new Field("TLS-Required", " No"), new Field("TLS-Required", " No")))
        .isEqualTo(Verdict.DUPLICATE);
  }

  @Test
  void otherValuesAreIgnored_RT11() {
    assertThat(of(new Field("TLS-Required", " Yes"))).isEqualTo(Verdict.INVALID_VALUE);
    assertThat(of(new Field("TLS-Required", " No please"))).isEqualTo(Verdict.INVALID_VALUE);
    assertThat(of(new Field("TLS-Required", ""))).isEqualTo(Verdict.INVALID_VALUE);
  }

  @Test
  void draftNamesAreIgnored_DRAFT7() {
    assertThat(of(new Field("RequireTLS", " NO"))).isEqualTo(Verdict.DRAFT_NAME);
    assertThat(of(new Field("Require-TLS", " NO"))).isEqualTo(Verdict.DRAFT_NAME);
  }

  @Test
  void mailParameterWinsOverHeader_RT18() {
    MessageTagging.Tag tag =
        MessageTagging.tag(
            new MailParameterDecision.Tagged(TlsRequirement.REQUIRE_TLS, VerificationFloor.NONE),
            Verdict.TLS_OPTIONAL);
    assertThat(tag.requirement()).isEqualTo(TlsRequirement.REQUIRE_TLS);
  }

  @Test
  void headerAloneTagsTlsOptional_RT17() {
    assertThat(MessageTagging.tag(new MailParameterDecision.Absent(), Verdict.TLS_OPTIONAL).requirement())
        .isEqualTo(TlsRequirement.TLS_OPTIONAL);
    assertThat(MessageTagging.tag(new MailParameterDecision.Absent(), Verdict.DUPLICATE).requirement())
        .isEqualTo(TlsRequirement.UNSPECIFIED);
  }
}
