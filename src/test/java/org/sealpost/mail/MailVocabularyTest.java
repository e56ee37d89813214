package org.sealpost.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class MailVocabularyTest {

  @Test
  void domainsAreCaseInsensitiveAndLoseTheTrailingDot() {
    assertThat(Domain.of("Example.ORG.")).isEqualTo(Domain.of("example.org"));
  }

  @Test
  void internationalDomainsBecomeALabels() {
    assertThat(Domain.of("bücher.example").name()).isEqualTo("xn--bcher-kva.example");
  }

  @Test
  void badDomainsAreRefused() {
    assertThatThrownBy(() -> Domain.of("-bad.example")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Domain.of("a..b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Domain.of("sp ace.example")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addressKeepsLocalPartCase() {
    MailAddress a = MailAddress.parse("Bob.Smith@Example.org");
    assertThat(a.localPart()).isEqualTo("Bob.Smith");
    assertThat(a.domain().name()).isEqualTo("example.org");
  }

  @Test
  void postmasterIsCaseInsensitive() {
    assertThat(MailAddress.parse("PostMaster@localhost").isPostmaster()).isTrue();
  }

  @Test
  void queueIdsSortByArrival() {
    RandomGenerator r = RandomGenerator.of("L64X128MixRandom");
    QueueId early = QueueId.generate(Instant.ofEpochMilli(1_000), r);
    QueueId late = QueueId.generate(Instant.ofEpochMilli(2_000), r);
    assertThat(early).isLessThan(late);
    assertThat(QueueId.isValid(early.value())).isTrue();
    assertThat(QueueId.isValid("short")).isFalse();
  }

  @Test
  void enhancedStatusRoundTrips() {
    assertThat(EnhancedStatus.of("5.7.30").toString()).isEqualTo("5.7.30");
    assertThat(EnhancedStatus.of("4.3.0").isTransient()).isTrue();
    assertThatThrownBy(() -> EnhancedStatus.of("3.0.0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedCodesRoundTrip() {
    for (TlsRequirement t : TlsRequirement.values()) {
      assertThat(TlsRequirement.fromCode(t.code())).isEqualTo(t);
    }
    for (VerificationFloor f : VerificationFloor.values()) {
      assertThat(VerificationFloor.fromCode(f.code())).isEqualTo(f);
    }
  }

  @Test
  void notifyNeverStandsAlone() {
    MailAddress a = MailAddress.parse("a@example.org");
    assertThatThrownBy(() -> new Recipient(a, Set.of(Notify.NEVER, Notify.FAILURE), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
