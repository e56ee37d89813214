package org.sealpost.policy.dane;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.sealpost.dns.TlsaRecord;

/** Short texts for verdict reasons: certificate subjects, presented names, abbreviated records. */
final class Names {

  private static final int DNS_NAME = 2;
  private static final int SHOWN_HEX = 16;

  private Names() {}

  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  /** {@code 3 1 1 5c1d2a0f9e8b7c6d...}: enough of the data to tell records apart in a log. */
  static String shortRecord(TlsaRecord record) {
    String hex = HexFormat.of().formatHex(record.associationData());
    String shown = hex.length() > SHOWN_HEX ? hex.substring(0, SHOWN_HEX) + "..." : hex;
    return record.usage() + " " + record.selector() + " " + record.matchingType() + " " + shown;
  }

  /**
   * The names a certificate presents for RFC 7672 §3.2.3 matching: its DNS-ID subjectAltNames, or
   * its subject when it has none (the CN-ID is then what counts).
   */
  static String presented(X509Certificate certificate) {
    List<String> dnsIds = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && san.get(0) instanceof Integer type && type == DNS_NAME) {
            dnsIds.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      return "unparseable subjectAltName, subject '" + subject(certificate) + "'";
    }
    return dnsIds.isEmpty()
        ? "no DNS names, subject '" + subject(certificate) + "'"
        : "DNS names " + String.join(", ", dnsIds);
  }
}
