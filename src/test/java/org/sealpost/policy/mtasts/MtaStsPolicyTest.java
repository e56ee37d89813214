package org.sealpost.policy.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealpost.config.MtaStsMode;
import org.sealpost.mail.Domain;

class MtaStsPolicyTest {

  private final MtaStsPolicy policy =
      new MtaStsPolicy(MtaStsMode.ENFORCE, List.of("mx1.example.com", "*.Mail.Example.com"));

  @Test
  void exactAndOneLabelWildcardMatches_STS8() {
    assertThat(policy.matches(Domain.of("mx1.example.com"))).isTrue();
    assertThat(policy.matches(Domain.of("a.mail.example.com"))).isTrue();
  }

  @Test
  void wildcardNeverMatchesTheApexOrTwoLabels_STS8() {
    assertThat(policy.matches(Domain.of("mail.example.com"))).isFalse();
    assertThat(policy.matches(Domain.of("a.b.mail.example.com"))).isFalse();
    assertThat(policy.matches(Domain.of("mx2.example.com"))).isFalse();
  }

  @Test
  void modeNoneMatchesNothing_STS9() {
    assertThat(new MtaStsPolicy(MtaStsMode.NONE, List.of("mx1.example.com")).matches(Domain.of("mx1.example.com")))
        .isFalse();
  }
}
