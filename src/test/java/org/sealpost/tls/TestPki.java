package org.sealpost.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates, made with BouncyCastle so they do not depend on the code under test.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create();                                   // a fresh test CA
 * TestPki.Issued mx = pki.server("mx.example.test");                // ECDSA P-256, valid now
 * TestPki.Issued rsa = pki.server(TestPki.KeyKind.RSA, "mx.example.test");
 * TestPki.Issued old = pki.expired("mx.example.test");
 * TestPki.Issued self = TestPki.selfSigned("mx.example.test");     // no CA at all
 * TestPki.Pem files = mx.writePem(tempDir);                         // cert.pem (leaf + CA), key.pem
 * SSLContext client = pki.clientContext();                          // trusts only this CA
 * }</pre>
 *
 * A "wrong-name" certificate is just {@code pki.server("other.example.test")}. Certificates are
 * valid from a day ago for 30 days unless said otherwise.
 */
public final class TestPki {

  public enum KeyKind { ECDSA, RSA }

  /** How {@link Issued#writePem} spells the private key. */
  public enum KeyFormat {
    /** {@code BEGIN PRIVATE KEY} (RFC 5208). */
    PKCS8,
    /** {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY} (OpenSSL's traditional forms). */
    TRADITIONAL
  }

  /** A key with its chain, leaf first (the CA certificate follows when there is a CA). */
  public record Issued(PrivateKey key, List<X509Certificate> chain) {
    public X509Certificate leaf() {
      return chain.getFirst();
    }

    public KeyMaterial material() {
      return new KeyMaterial(key, chain);
    }

    /** Writes {@code cert.pem} and {@code key.pem} (PKCS#8) into {@code dir}. */
    public Pem writePem(Path dir) {
      return writePem(dir, KeyFormat.PKCS8);
    }

    public Pem writePem(Path dir, KeyFormat format) {
      Path cert = dir.resolve("cert.pem");
      Path keyFile = dir.resolve("key.pem");
      try {
        Files.createDirectories(dir);
        Files.writeString(cert, pem(chain.toArray()));
        Files.writeString(keyFile, format == KeyFormat.PKCS8
            ? pem(new JcaPKCS8Generator(key, null).generate())
            : pem(new JcaMiscPEMGenerator(key).generate()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Pem(cert, keyFile);
    }
  }

  /** Paths of the written PEM files. */
  public record Pem(Path certificate, Path privateKey) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestPki(KeyPair caKeys, X509Certificate ca) {
    this.caKeys = caKeys;
    this.ca = ca;
  }

  /** A new CA named "Sealpost Test CA". */
  public static TestPki create() {
    KeyPair keys = keyPair(KeyKind.ECDSA);
    Instant now = Instant.now();
    X509Certificate ca = build(keys.getPublic(), keys.getPrivate(), "Sealpost Test CA",
        "Sealpost Test CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), true,
        List.of());
    return new TestPki(keys, ca);
  }

  /** Writes the CA certificate as PEM to {@code file} (a trust store for clients and relays). */
  public Path writeCaPem(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, pem(ca));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public X509Certificate caCertificate() {
    return ca;
  }

  /** An ECDSA server certificate for {@code dnsNames}, valid now. */
  public Issued server(String... dnsNames) {
    return server(KeyKind.ECDSA, dnsNames);
  }

  public Issued server(KeyKind kind, String... dnsNames) {
    Instant now = Instant.now();
    return server(kind, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), dnsNames);
  }

  /** A certificate that expired yesterday. */
  public Issued expired(String... dnsNames) {
    Instant now = Instant.now();
    return server(KeyKind.ECDSA, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
        dnsNames);
  }

  public Issued server(KeyKind kind, Instant notBefore, Instant notAfter, String... dnsNames) {
    KeyPair keys = keyPair(kind);
    X509Certificate leaf = build(keys.getPublic(), caKeys.getPrivate(), dnsNames[0],
        "Sealpost Test CA", notBefore, notAfter, false, List.of(dnsNames));
    return new Issued(keys.getPrivate(), List.of(leaf, ca));
  }

  /** A certificate from this CA that names its host only in the subject CN, with no DNS-ID. */
  public Issued commonNameOnly(String cn) {
    KeyPair keys = keyPair(KeyKind.ECDSA);
    Instant now = Instant.now();
    X509Certificate leaf = build(keys.getPublic(), caKeys.getPrivate(), cn, "Sealpost Test CA",
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), false, List.of());
    return new Issued(keys.getPrivate(), List.of(leaf, ca));
  }

  /** A self-signed ECDSA certificate for {@code dnsNames}: no CA will trust it. */
  public static Issued selfSigned(String... dnsNames) {
    KeyPair keys = keyPair(KeyKind.ECDSA);
    Instant now = Instant.now();
    X509Certificate cert = build(keys.getPublic(), keys.getPrivate(), dnsNames[0], dnsNames[0],
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), false, List.of(dnsNames));
    return new Issued(keys.getPrivate(), List.of(cert));
  }

  /** This CA as an issuer for {@link #issue}: its key and its certificate. */
  public Issued asIssuer() {
    return new Issued(caKeys.getPrivate(), List.of(ca));
  }

  /**
   * A certificate signed by {@code issuer}'s key, named as issued by its leaf's subject; the chain
   * is the new certificate followed by {@code issuer}'s chain. {@code isCa} makes an intermediate
   * CA (basic constraints cA=true) to issue from in turn; a non-CA issuer makes a chain that
   * RFC 5280 rejects. With no {@code dnsNames} the host is named only by the subject CN.
   */
  public static Issued issue(Issued issuer, boolean isCa, Instant notBefore, Instant notAfter,
      String subjectCn, String... dnsNames) {
    KeyPair keys = keyPair(KeyKind.ECDSA);
    X500Name issuerName = X500Name.getInstance(issuer.leaf().getSubjectX500Principal().getEncoded());
    String issuerCn = issuerName.getRDNs(BCStyle.CN)[0].getFirst().getValue().toString();
    X509Certificate cert = build(keys.getPublic(), issuer.key(), subjectCn, issuerCn, notBefore,
        notAfter, isCa, List.of(dnsNames));
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(cert);
    chain.addAll(issuer.chain());
    return new Issued(keys.getPrivate(), List.copyOf(chain));
  }

  /** A self-signed ECDSA certificate valid only between the given instants (e.g. expired). */
  public static Issued selfSigned(Instant notBefore, Instant notAfter, String... dnsNames) {
    KeyPair keys = keyPair(KeyKind.ECDSA);
    X509Certificate cert = build(keys.getPublic(), keys.getPrivate(), dnsNames[0], dnsNames[0],
        notBefore, notAfter, false, List.of(dnsNames));
    return new Issued(keys.getPrivate(), List.of(cert));
  }

  /** A client SSLContext that trusts this CA only. */
  public SSLContext clientContext() {
    return clientContextTrusting(ca);
  }

  /** A client SSLContext that trusts exactly {@code anchor} (e.g. a self-signed certificate). */
  public static SSLContext clientContextTrusting(X509Certificate anchor) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("anchor", anchor);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keyPair(KeyKind kind) {
    try {
      KeyPairGenerator kpg = KeyPairGenerator.getInstance(kind == KeyKind.RSA ? "RSA" : "EC");
      if (kind == KeyKind.RSA) {
        kpg.initialize(2048);
      } else {
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return kpg.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate build(java.security.PublicKey subjectKey, PrivateKey signer,
      String subjectCn, String issuerCn, Instant notBefore, Instant notAfter, boolean isCa,
      List<String> dnsNames) {
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          new X500Name("CN=" + issuerCn), new BigInteger(64, RANDOM).add(BigInteger.ONE),
          Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + subjectCn), subjectKey);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (!dnsNames.isEmpty()) {
        List<GeneralName> names = new ArrayList<>();
        for (String n : dnsNames) {
          names.add(n.matches("[0-9.]+")
              ? new GeneralName(GeneralName.iPAddress, n)
              : new GeneralName(GeneralName.dNSName, n));
        }
        b.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder(alg).build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object... objects) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        w.writeObject(o);
      }
    }
    return out.toString();
  }
}
