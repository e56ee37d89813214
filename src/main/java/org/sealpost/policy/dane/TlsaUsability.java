package org.sealpost.policy.dane;

import java.util.List;
import org.sealpost.dns.TlsaRecord;

/**
 * Which TLSA records SMTP can use (RFC 7672 §3.1, DANE-10), and the names of the RFC 6698 §2.1
 * codes. A record is usable when all of these hold:
 *
 * <ul>
 *   <li>usage DANE-TA(2) or DANE-EE(3); PKIX-TA(0) and PKIX-EE(1) are undefined for SMTP, because
 *       there is no agreed set of CAs for MTAs to trust (RFC 7672 §3.1.3), so they are unusable;
 *   <li>selector Cert(0) or SPKI(1);
 *   <li>matching type Full(0), SHA2-256(1) or SHA2-512(2), and its data has the digest's length
 *       (32 or 64 octets; Full data is not empty). A record whose data can never match is as
 *       unusable as one with an unknown code (RFC 6698 §4.1: records that cannot be used are
 *       ignored), so an RRset of only broken records gives {@link DaneState.Unusable}.
 * </ul>
 */
final class TlsaUsability {

  static final int PKIX_TA = 0;
  static final int PKIX_EE = 1;
  static final int DANE_TA = 2;
  static final int DANE_EE = 3;

  static final int SELECTOR_CERT = 0;
  static final int SELECTOR_SPKI = 1;

  static final int MATCH_FULL = 0;
  static final int MATCH_SHA256 = 1;
  static final int MATCH_SHA512 = 2;

  private TlsaUsability() {}

  static boolean usable(TlsaRecord r) {
    if (r.usage() != DANE_TA && r.usage() != DANE_EE) {
      return false;
    }
    if (r.selector() != SELECTOR_CERT && r.selector() != SELECTOR_SPKI) {
      return false;
    }
    int length = r.associationData().length;
    return switch (r.matchingType()) {
      case MATCH_FULL -> length > 0;
      case MATCH_SHA256 -> length == 32;
      case MATCH_SHA512 -> length == 64;
      default -> false;
    };
  }

  static List<TlsaRecord> usableOf(List<TlsaRecord> records) {
    return records.stream().filter(TlsaUsability::usable).toList();
  }

  /** RFC 7218 acronym of a usage, for messages an administrator reads. */
  static String usageName(int usage) {
    return switch (usage) {
      case PKIX_TA -> "PKIX-TA";
      case PKIX_EE -> "PKIX-EE";
      case DANE_TA -> "DANE-TA";
      case DANE_EE -> "DANE-EE";
      default -> "usage " + usage;
    };
  }
}
