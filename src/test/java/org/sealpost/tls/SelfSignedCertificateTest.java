package org.sealpost.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void jdkParsesAndBouncyCastleVerifiesTheGeneratedCertificate() throws Exception {
    X509Certificate cert = SelfSignedCertificate.generate("mx.example.test", NOW).leaf();
    X509Certificate reparsed = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(cert.getEncoded()));
    assertThat(reparsed.getVersion()).isEqualTo(3);
    assertThat(reparsed.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(reparsed.getSubjectX500Principal().getName()).isEqualTo("CN=mx.example.test");
    assertThat(reparsed.getBasicConstraints()).isEqualTo(-1);
    assertThat(reparsed.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(reparsed.getKeyUsage()[0]).isTrue(); // digitalSignature
    assertThat(reparsed.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
        List.of(2, "mx.example.test"), List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(reparsed.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(reparsed.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    reparsed.verify(reparsed.getPublicKey());
    X509CertificateHolder bc = new X509CertificateHolder(cert.getEncoded());
    assertThat(bc.isSignatureValid(
        new JcaContentVerifierProviderBuilder().build(cert.getPublicKey()))).isTrue();
    assertThat(bc.getSerialNumber().signum()).isEqualTo(1);
  }

  @Test
  void datesFrom2050UseGeneralizedTime() throws Exception {
    X509Certificate cert =
        SelfSignedCertificate.generate("mx.example.test", Instant.parse("2049-12-01T00:00:00Z"))
            .leaf();
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2050-12-01T00:00:00Z"));
    new X509CertificateHolder(cert.getEncoded()); // BouncyCastle accepts the mixed time types
  }

  @Test
  void createsOnceWithAPrivateKeyFileAndReusesIt(@TempDir Path dataDir) throws Exception {
    KeyMaterial first = SelfSignedCertificate.ensure(dataDir, "mx.example.test", () -> NOW);
    Path key = dataDir.resolve("tls").resolve(SelfSignedCertificate.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.list(dataDir.resolve("tls")).map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder(SelfSignedCertificate.KEY_FILE, SelfSignedCertificate.CERT_FILE);
    KeyMaterial again = SelfSignedCertificate.ensure(dataDir, "mx.example.test",
        () -> NOW.plus(Duration.ofDays(100)));
    assertThat(again.leaf()).isEqualTo(first.leaf());
    assertThat(again.privateKey()).isEqualTo(first.privateKey());
  }

  @Test
  void regeneratesWhenExpiredOrRenamed(@TempDir Path dataDir) throws Exception {
    KeyMaterial first = SelfSignedCertificate.ensure(dataDir, "mx.example.test", () -> NOW);
    InstantSource later = () -> NOW.plus(Duration.ofDays(366));
    KeyMaterial renewed = SelfSignedCertificate.ensure(dataDir, "mx.example.test", later);
    assertThat(renewed.leaf()).isNotEqualTo(first.leaf());
    assertThat(renewed.leaf().getNotAfter().toInstant()).isAfter(later.instant());
    KeyMaterial renamed = SelfSignedCertificate.ensure(dataDir, "mail.example.test", later);
    assertThat(renamed.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.test");
  }

  @Test
  void replacesACorruptFile(@TempDir Path dataDir) throws Exception {
    SelfSignedCertificate.ensure(dataDir, "mx.example.test", () -> NOW);
    Files.writeString(dataDir.resolve("tls").resolve(SelfSignedCertificate.CERT_FILE), "junk");
    KeyMaterial m = SelfSignedCertificate.ensure(dataDir, "mx.example.test", () -> NOW);
    assertThat(KeyMaterial.matches(m.privateKey(), m.leaf())).isTrue();
  }
}
