package org.sealpost.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemFilesTest {

  private static final TestPki PKI = TestPki.create();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"ECDSA, PKCS8", "ECDSA, TRADITIONAL", "RSA, PKCS8", "RSA, TRADITIONAL"})
  void loadsEachKeyFormatWithItsChain(TestPki.KeyKind kind, TestPki.KeyFormat format,
      @TempDir Path dir) throws Exception {
    TestPki.Issued issued = PKI.server(kind, "mx.example.test");
    TestPki.Pem pem = issued.writePem(dir, format);
    assertThat(Files.readString(pem.privateKey())).startsWith(format == TestPki.KeyFormat.PKCS8
        ? "-----BEGIN PRIVATE KEY-----"
        : kind == TestPki.KeyKind.RSA ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----");
    KeyMaterial m = KeyMaterial.load(pem.certificate(), pem.privateKey(), Instant.now());
    assertThat(m.chain()).containsExactlyElementsOf(issued.chain());
    assertThat(m.privateKey().getEncoded()).isEqualTo(issued.key().getEncoded());
  }

  /** OpenSSL's form: SEC1 with the curve OID in [0] and the public key in [1] (RFC 5915 §3). */
  @Test
  void readsSec1KeysWithCurveParametersOnP384(@TempDir Path dir) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
    kpg.initialize(new ECGenParameterSpec("secp384r1"));
    ECPrivateKey key = (ECPrivateKey) kpg.generateKeyPair().getPrivate();
    byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(384, key.getS(), null,
        SECObjectIdentifiers.secp384r1).getEncoded();
    Path file = Files.writeString(dir.resolve("k.pem"), "-----BEGIN EC PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(sec1) + "\n-----END EC PRIVATE KEY-----\n");
    ECPrivateKey read = (ECPrivateKey) PemFiles.readPrivateKey("tls.private_key", file);
    assertThat(read.getS()).isEqualTo(key.getS());
    assertThat(read.getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
  }

  @Test
  void keyAndChainMayShareOneFile(@TempDir Path dir) throws Exception {
    TestPki.Pem pem = PKI.server("mx.example.test").writePem(dir);
    Path both = Files.writeString(dir.resolve("both.pem"),
        Files.readString(pem.privateKey()) + Files.readString(pem.certificate()));
    assertThat(KeyMaterial.load(both, both, Instant.now()).chain()).hasSize(2);
  }

  @Test
  void refusesAKeyThatDoesNotMatchTheCertificate(@TempDir Path dir) throws Exception {
    TestPki.Pem a = PKI.server("a.example.test").writePem(dir.resolve("a"));
    TestPki.Pem b = PKI.server("b.example.test").writePem(dir.resolve("b"));
    assertThatThrownBy(() -> KeyMaterial.load(a.certificate(), b.privateKey(), Instant.now()))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessage("tls.private_key " + b.privateKey() + ": key does not match the certificate in "
            + a.certificate());
    TestPki.Pem rsa = PKI.server(TestPki.KeyKind.RSA, "a.example.test").writePem(dir.resolve("r"));
    assertThatThrownBy(() -> KeyMaterial.load(a.certificate(), rsa.privateKey(), Instant.now()))
        .hasMessageContaining("key does not match");
  }

  @Test
  void garbageAndMissingFilesAreNamed(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "hello\n");
    Path badB64 = Files.writeString(dir.resolve("bad.pem"),
        "-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n");
    Path notDer = Files.writeString(dir.resolve("notder.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    Path encrypted = Files.writeString(dir.resolve("enc.pem"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> PemFiles.readCertificates("tls.certificate", junk))
        .hasMessage("tls.certificate " + junk + ": no certificate found");
    assertThatThrownBy(() -> PemFiles.readCertificates("tls.certificate", badB64))
        .hasMessage("tls.certificate " + badB64 + ": bad base64 in CERTIFICATE");
    assertThatThrownBy(() -> PemFiles.readCertificates("tls.certificate", notDer))
        .hasMessageStartingWith("tls.certificate " + notDer + ": bad certificate");
    assertThatThrownBy(() -> PemFiles.readPrivateKey("tls.private_key", junk))
        .hasMessageStartingWith("tls.private_key " + junk + ": no private key found");
    assertThatThrownBy(() -> PemFiles.readPrivateKey("tls.private_key", encrypted))
        .hasMessageContaining("encrypted private keys are not supported");
    assertThatThrownBy(() -> PemFiles.readCertificates("tls.certificate", missing))
        .hasMessageStartingWith("tls.certificate " + missing + ": cannot read");
  }

  @Test
  void expiredCertificateStillLoads(@TempDir Path dir) throws Exception {
    TestPki.Pem pem = PKI.expired("old.example.test").writePem(dir);
    assertThat(KeyMaterial.load(pem.certificate(), pem.privateKey(), Instant.now()).leaf()
        .getNotAfter()).isBefore(Instant.now());
  }
}
