package org.sealpost.interop;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.sealpost.tls.TestPki;

/**
 * Private keys spelled so that GnuTLS (Exim's TLS library in Debian) can load them.
 *
 * <p>Found by trying it: the PKCS#8 that {@link TestPki} writes for an ECDSA key carries an
 * ECPrivateKey (RFC 5915 §3) without its optional {@code publicKey} field. OpenSSL and JSSE derive
 * the point from the scalar, but GnuTLS 3.7 refuses the key at STARTTLS with "ASN1 parser: Element
 * was not found", and Exim then answers STARTTLS with 454. This writes the same key as PKCS#8 with
 * the public point, taken from the certificate, included. RSA keys are written unchanged.
 */
final class GnuTlsKeys {

  private GnuTlsKeys() {}

  /** {@code issued}'s private key as a PEM {@code PRIVATE KEY} that GnuTLS accepts. */
  static String pem(TestPki.Issued issued) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(issued.key().getEncoded());
      if (issued.key() instanceof ECPrivateKey ec) {
        SubjectPublicKeyInfo spki =
            SubjectPublicKeyInfo.getInstance(issued.leaf().getPublicKey().getEncoded());
        int bits = ec.getParams().getOrder().bitLength();
        var withPoint = new org.bouncycastle.asn1.sec.ECPrivateKey(bits, ec.getS(),
            new DERBitString(spki.getPublicKeyData().getBytes()), null);
        info = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), withPoint);
      }
      StringWriter out = new StringWriter();
      try (PemWriter w = new PemWriter(out)) {
        w.writeObject(new PemObject("PRIVATE KEY", info.getEncoded()));
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
