package org.sealpost.policy.dane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sealpost.dns.TlsaRecord;

/** Which TLSA records SMTP uses (RFC 7672 §3.1, DANE-10) and digest agility (RFC 7671 §9). */
class TlsaUsabilityTest {

  @ParameterizedTest(name = "{0} {1} {2} with {3} octets: usable={4}")
  @CsvSource({
      "3, 1, 1, 32, true",
      "2, 0, 1, 32, true",
      "3, 0, 2, 64, true",
      "2, 1, 0, 91, true",
      "0, 0, 1, 32, false",   // PKIX-TA: undefined for SMTP (DANE-10)
      "1, 1, 1, 32, false",   // PKIX-EE
      "4, 1, 1, 32, false",   // unknown usage
      "3, 2, 1, 32, false",   // unknown selector
      "3, 1, 3, 32, false",   // unknown matching type
      "3, 1, 1, 31, false",   // SHA2-256 data of the wrong length can never match
      "3, 1, 2, 32, false",   // SHA2-512 needs 64 octets
      "3, 1, 0, 0, false",    // empty Full data
  })
  void usableRecords_DANE10(int usage, int selector, int matching, int length, boolean usable) {
    TlsaRecord r = new TlsaRecord(usage, selector, matching, new byte[length]);

    assertThat(TlsaUsability.usable(r)).isEqualTo(usable);
  }

  @Test
  void digestAgilityKeepsTheStrongestDigestAndEveryFullRecord() {
    TlsaRecord ee256 = new TlsaRecord(3, 1, 1, new byte[32]);
    TlsaRecord ee512 = new TlsaRecord(3, 1, 2, new byte[64]);
    TlsaRecord eeFull = new TlsaRecord(3, 1, 0, new byte[91]);
    TlsaRecord ta256 = new TlsaRecord(2, 0, 1, new byte[32]);
    TlsaRecord eeCert256 = new TlsaRecord(3, 0, 1, new byte[32]);

    assertThat(DigestAgility.strongest(List.of(ee256, ee512, eeFull, ta256, eeCert256)))
        .containsExactly(ee512, eeFull, ta256, eeCert256);
    assertThat(DigestAgility.strongest(List.of(ee256, ta256))).containsExactly(ee256, ta256);
  }
}
