package org.sealpost.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sealpost.mail.Domain;

/** RFC 6125 name checks as RFC 7672 §3.2.3 narrows them for SMTP (DANE-11, RT-22). */
class HostnameMatcherTest {

  @Test
  void exactNamesMatchWhateverTheCase() {
    assertThat(HostnameMatcher.matches("MX1.Example.ORG", "mx1.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("mx1.example.org.", "mx1.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("mx2.example.org", "mx1.example.org")).isFalse();
  }

  @Test
  void wildcardIsOnlyTheWholeLeftMostLabelAndMatchesOneLabel_DANE11() {
    assertThat(HostnameMatcher.matches("*.example.org", "mx1.example.org")).isTrue();
    assertThat(HostnameMatcher.matches("*.example.org", "example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.example.org", "a.mx1.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("mx*.example.org", "mx1.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("*.*.org", "mx1.example.org")).isFalse();
    assertThat(HostnameMatcher.matches("a.*.org", "a.example.org")).isFalse();
  }

  @Test
  void certificateSubjectAltNamesAreChecked() {
    var cert = TestPki.create().server("mx1.dest.test", "*.mail.dest.test").leaf();
    assertThat(HostnameMatcher.matches(cert, Domain.of("mx1.dest.test"))).isTrue();
    assertThat(HostnameMatcher.matches(cert, Domain.of("x.mail.dest.test"))).isTrue();
    assertThat(HostnameMatcher.matches(cert, Domain.of("dest.test"))).isFalse();
  }

  @Test
  void dnsIdOnlyMatchingIgnoresTheCommonName_STS4() {
    TestPki pki = TestPki.create();
    var san = pki.server("mta-sts.dest.test").leaf();
    var cnOnly = pki.commonNameOnly("mta-sts.dest.test").leaf();
    assertThat(HostnameMatcher.matchesDnsId(san, Domain.of("mta-sts.dest.test"))).isTrue();
    assertThat(HostnameMatcher.matches(cnOnly, Domain.of("mta-sts.dest.test"))).isTrue();
    assertThat(HostnameMatcher.matchesDnsId(cnOnly, Domain.of("mta-sts.dest.test"))).isFalse();
  }
}
