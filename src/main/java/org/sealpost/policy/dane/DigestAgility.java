package org.sealpost.policy.dane;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sealpost.dns.TlsaRecord;

/**
 * Digest algorithm agility (RFC 7671 §9): a domain moving from SHA2-256 to SHA2-512 publishes both
 * for a while, and a client that knows both uses only the stronger, so that an attacker who could
 * forge the weaker digest gains nothing. For each (usage, selector) pair, when records of several
 * digest matching types exist, only those of the strongest one (SHA2-512 over SHA2-256) count.
 * Full(0) is not a digest and always counts. [U] spec DANE-10: RFC 7671 was not retrieved; this
 * reading (ordering by strength, Full exempt) is the project's.
 */
final class DigestAgility {

  private DigestAgility() {}

  /** The records that count, in the order given. */
  static List<TlsaRecord> strongest(List<TlsaRecord> records) {
    Map<Integer, Integer> best = new HashMap<>();
    for (TlsaRecord r : records) {
      if (r.matchingType() != TlsaUsability.MATCH_FULL) {
        best.merge(key(r), strength(r.matchingType()), Math::max);
      }
    }
    return records.stream()
        .filter(r -> r.matchingType() == TlsaUsability.MATCH_FULL
            || strength(r.matchingType()) == best.get(key(r)))
        .toList();
  }

  private static int key(TlsaRecord r) {
    return r.usage() * 256 + r.selector();
  }

  private static int strength(int matchingType) {
    return switch (matchingType) {
      case TlsaUsability.MATCH_SHA256 -> 1;
      case TlsaUsability.MATCH_SHA512 -> 2;
      default -> 0;
    };
  }
}
