package org.sealpost.policy.dane;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import org.sealpost.dns.TlsaRecord;

/** TLSA records for test certificates, computed independently of {@link CertificateAssociation}. */
final class Tlsa {

  private Tlsa() {}

  /** The record {@code usage selector matchingType} that matches {@code cert}. */
  static TlsaRecord of(int usage, int selector, int matchingType, X509Certificate cert) {
    try {
      byte[] selected = selector == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
      byte[] data = switch (matchingType) {
        case 0 -> selected;
        case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
        case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
        default -> throw new IllegalArgumentException("matching type " + matchingType);
      };
      return new TlsaRecord(usage, selector, matchingType, data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
