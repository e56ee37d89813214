package org.sealpost.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.sealpost.tls.TestPki;

class GnuTlsKeysTest {

  @Test
  void ecdsaKeyCarriesThePublicPointOfItsCertificate() throws Exception {
    TestPki.Issued issued = TestPki.create().server("mx1.dest.test");
    PemObject pem = new PemReader(new StringReader(GnuTlsKeys.pem(issued))).readPemObject();

    assertThat(pem.getType()).isEqualTo("PRIVATE KEY");
    var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
        PrivateKeyInfo.getInstance(pem.getContent()).parsePrivateKey());
    assertThat(inner.getPublicKey()).isNotNull();
    assertThat(inner.getPublicKey().getBytes()).isEqualTo(SubjectPublicKeyInfo
        .getInstance(issued.leaf().getPublicKey().getEncoded()).getPublicKeyData().getBytes());
    // Still the same private key, as JSSE reads it.
    var read = (ECPrivateKey) KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(pem.getContent()));
    assertThat(read.getS()).isEqualTo(((ECPrivateKey) issued.key()).getS());
  }

  @Test
  void rsaKeyIsWrittenUnchanged() throws Exception {
    TestPki.Issued issued = TestPki.create().server(TestPki.KeyKind.RSA, "mx1.dest.test");
    PemObject pem = new PemReader(new StringReader(GnuTlsKeys.pem(issued))).readPemObject();

    assertThat(pem.getContent()).isEqualTo(issued.key().getEncoded());
  }
}
