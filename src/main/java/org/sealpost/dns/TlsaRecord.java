package org.sealpost.dns;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One TLSA record (RFC 6698 §2.1): certificate usage, selector, matching type and the certificate
 * association data. Usability for SMTP is the DANE package's business (RFC 7672 §3.1).
 */
public record TlsaRecord(int usage, int selector, int matchingType, byte[] associationData) {

  public TlsaRecord {
    associationData = associationData.clone();
  }

  @Override
  public byte[] associationData() {
    return associationData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlsaRecord t
        && usage == t.usage
        && selector == t.selector
        && matchingType == t.matchingType
        && Arrays.equals(associationData, t.associationData);
  }

  @Override
  public int hashCode() {
    return ((usage * 31 + selector) * 31 + matchingType) * 31 + Arrays.hashCode(associationData);
  }

  /** Presentation form, as in a zone file and in TLS-RPT policy strings (RFC 8460 §4.5). */
  @Override
  public String toString() {
    return usage + " " + selector + " " + matchingType + " "
        + HexFormat.of().formatHex(associationData);
  }
}
