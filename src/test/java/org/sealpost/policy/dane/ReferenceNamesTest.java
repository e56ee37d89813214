package org.sealpost.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sealpost.dns.Security;
import org.sealpost.mail.Domain;

/** The names a DANE-TA certificate may carry (RFC 7672 §3.2.2, DANE-9). */
class ReferenceNamesTest {

  private static final Domain BASE = Domain.of("mx.hoster.test");
  private static final Domain MX = Domain.of("mx1.dest.test");
  private static final Domain DEST = Domain.of("dest.test");
  private static final Domain EXPANDED = Domain.of("dest.hoster.test");

  @Test
  void secureMxAddsTheNextHopDomainAndItsExpansionAfterTheBase_DANE9() {
    assertThat(ReferenceNames.forHost(BASE, MX, Security.SECURE, DEST, EXPANDED).names())
        .containsExactly(BASE, MX, DEST, EXPANDED);
  }

  @Test
  void insecureMxKeepsOnlyTheHostNames_DANE9() {
    assertThat(ReferenceNames.forHost(BASE, MX, Security.INSECURE, DEST, EXPANDED).names())
        .containsExactly(BASE, MX);
  }

  @Test
  void repeatedNamesAppearOnce() {
    assertThat(ReferenceNames.forHost(MX, MX, Security.SECURE, DEST, DEST).names())
        .containsExactly(MX, DEST);
    assertThat(ReferenceNames.only(MX).names()).containsExactly(MX);
  }
}
