package org.sealpost.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DerTest {

  @ParameterizedTest
  @CsvSource({"1.2.840.10045.4.3.2", "2.5.29.17", "1.3.6.1.5.5.7.3.1", "1.3.132.0.34", "2.999.1"})
  void oidsMatchBouncyCastle(String oid) throws Exception {
    assertThat(Der.oid(oid)).isEqualTo(new ASN1ObjectIdentifier(oid).getEncoded());
  }

  @Test
  void encodesLengthsShortAndLong() {
    assertThat(HexFormat.of().formatHex(Der.octetString(new byte[3]))).isEqualTo("0403000000");
    assertThat(Der.octetString(new byte[200])).startsWith((byte) 0x04, (byte) 0x81, (byte) 200);
    assertThat(Der.octetString(new byte[300])).startsWith((byte) 0x04, (byte) 0x82, (byte) 1, (byte) 44);
    assertThat(HexFormat.of().formatHex(Der.integer(BigInteger.valueOf(128)))).isEqualTo("02020080");
  }

  @Test
  void readsBackWhatItWrites() {
    byte[] der = Der.sequence(Der.integer(5), Der.explicit(0, Der.oid("2.5.29.17")),
        Der.octetString(new byte[300]));
    var children = Der.parse(der).children();
    assertThat(children).extracting(Der.Element::tag).containsExactly(0x02, 0xa0, 0x04);
    assertThat(children.get(2).contents()).hasSize(300);
  }
}
