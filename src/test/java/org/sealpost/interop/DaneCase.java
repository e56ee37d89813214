package org.sealpost.interop;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.sealpost.interop.SignedTestZone.ZoneRecord;

/**
 * One TLSA situation for the same Sealpost certificate chain (leaf for {@code mx.sealpost.test}
 * issued by a test CA, both presented): its own recipient domain {@code <label>.dane.test}, an MX
 * host, an A record for Sealpost's address and one TLSA record at {@code _<port>._tcp.<mx host>},
 * and the outcome a DANE client must reach (RFC 7672 §3, spec DANE-6, DANE-8 to DANE-10, DANE-12).
 */
enum DaneCase {
  /** DANE-EE, SPKI, SHA-256 of the server's key: the recommended record (DANE-10). */
  EE_SPKI_MATCH("ee-spki-match", "3 1 1", Digest.LEAF_SPKI, MxName.OWN, DaneOutcome.VERIFIED),
  /** DANE-EE naming another key (the CA's): authentication fails, no delivery (DANE-12). */
  EE_SPKI_MISMATCH("ee-spki-mismatch", "3 1 1", Digest.CA_SPKI, MxName.OWN, DaneOutcome.FAILED),
  /** DANE-EE, whole certificate: matches, and no name is checked (DANE-8). */
  EE_CERT_MATCH("ee-cert-match", "3 0 1", Digest.LEAF_CERT, MxName.OWN, DaneOutcome.VERIFIED),
  /** DANE-TA on the test CA, MX host named in the certificate (DANE-9). */
  TA_CERT_RIGHT_NAME("ta-right-name", "2 0 1", Digest.CA_CERT, MxName.SEALPOST_HOSTNAME,
      DaneOutcome.VERIFIED),
  /** DANE-TA on the test CA, but the certificate names neither the MX host nor the domain. */
  TA_CERT_WRONG_NAME("ta-wrong-name", "2 0 1", Digest.CA_CERT, MxName.OWN, DaneOutcome.FAILED),
  /**
   * Only PKIX-EE(1), which SMTP treats as unusable (DANE-10), though its digest is the server's:
   * TLS is still mandatory but not authenticated (DANE-6, DANE-7).
   */
  PKIX_EE_ONLY("pkix-ee-only", "1 1 1", Digest.LEAF_SPKI, MxName.OWN,
      DaneOutcome.ENCRYPTED_UNAUTHENTICATED);

  static final String PARENT = "dane.test";

  /** What the TLSA record's certificate association data is the SHA-256 of. */
  enum Digest { LEAF_SPKI, LEAF_CERT, CA_SPKI, CA_CERT }

  /** Whether the MX host is the case's own {@code mx.<domain>} or the name in the certificate. */
  enum MxName { OWN, SEALPOST_HOSTNAME }

  private final String label;
  private final String usageSelectorMatching;
  private final Digest digest;
  private final MxName mxName;
  private final DaneOutcome expected;

  DaneCase(String label, String usageSelectorMatching, Digest digest, MxName mxName,
      DaneOutcome expected) {
    this.label = label;
    this.usageSelectorMatching = usageSelectorMatching;
    this.digest = digest;
    this.mxName = mxName;
    this.expected = expected;
  }

  /** The recipient domain, e.g. {@code ee-spki-match.dane.test}. */
  String domain() {
    return label + "." + PARENT;
  }

  /** The recipient Postfix is given; generic(5) turns it into Sealpost's local mailbox. */
  String recipient() {
    return "bob@" + domain();
  }

  /** The MX host, {@code mx.<domain>} or {@code sealpostHostname}. */
  String mxHost(String sealpostHostname) {
    return switch (mxName) {
      case OWN -> "mx." + domain();
      case SEALPOST_HOSTNAME -> sealpostHostname;
    };
  }

  /** The outcome both Sealpost and Postfix must reach. */
  DaneOutcome expected() {
    return expected;
  }

  /** The TLSA record's text, e.g. {@code 3 1 1 5a2e…}, for {@code chain} (leaf, then CA). */
  String tlsa(List<X509Certificate> chain) {
    X509Certificate leaf = chain.getFirst();
    X509Certificate ca = chain.getLast();
    byte[] data = switch (digest) {
      case LEAF_SPKI -> leaf.getPublicKey().getEncoded();
      case LEAF_CERT -> encoded(leaf);
      case CA_SPKI -> ca.getPublicKey().getEncoded();
      case CA_CERT -> encoded(ca);
    };
    return usageSelectorMatching + " " + HexFormat.of().formatHex(sha256(data));
  }

  /** MX, A and TLSA records of this case, for a server at {@code address:port}. */
  List<ZoneRecord> records(List<X509Certificate> chain, String address, int port,
      String sealpostHostname) {
    String mx = mxHost(sealpostHostname) + ".";
    return List.of(
        new ZoneRecord(domain() + ".", "MX", "10 " + mx),
        new ZoneRecord(mx, "A", address),
        new ZoneRecord("_" + port + "._tcp." + mx, "TLSA", tlsa(chain)));
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
