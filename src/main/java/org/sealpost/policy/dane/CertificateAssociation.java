package org.sealpost.policy.dane;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.sealpost.dns.TlsaRecord;

/**
 * Does a certificate match a TLSA record's association data (RFC 6698 §2.1.2, §2.1.3)? The selector
 * picks what is compared: the whole certificate in DER (Cert, 0) or its DER SubjectPublicKeyInfo
 * (SPKI, 1); the matching type says how: the octets themselves (Full, 0), or their SHA2-256 (1) or
 * SHA2-512 (2) digest. Java's {@code PublicKey.getEncoded()} of an X.509 key is the DER
 * SubjectPublicKeyInfo, exactly what selector 1 names.
 */
final class CertificateAssociation {

  private CertificateAssociation() {}

  /** False for records this class cannot compute (unusable ones) and for unencodable certs. */
  static boolean matches(X509Certificate certificate, TlsaRecord record) {
    byte[] selected;
    try {
      selected = switch (record.selector()) {
        case TlsaUsability.SELECTOR_CERT -> certificate.getEncoded();
        case TlsaUsability.SELECTOR_SPKI -> certificate.getPublicKey().getEncoded();
        default -> null;
      };
    } catch (CertificateEncodingException e) {
      return false;
    }
    if (selected == null) {
      return false;
    }
    byte[] computed = switch (record.matchingType()) {
      case TlsaUsability.MATCH_FULL -> selected;
      case TlsaUsability.MATCH_SHA256 -> digest("SHA-256", selected);
      case TlsaUsability.MATCH_SHA512 -> digest("SHA-512", selected);
      default -> null;
    };
    return computed != null && MessageDigest.isEqual(computed, record.associationData());
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 and SHA-512 (MessageDigest's javadoc).
      throw new IllegalStateException(algorithm + " missing from the platform", e);
    }
  }
}
