package org.sealpost.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate Sealpost uses when none is configured: an ECDSA P-256 key and a self-signed
 * X.509 v3 certificate (RFC 5280) for the server hostname, with {@code localhost} and
 * {@code 127.0.0.1} as extra subject alternative names, valid for a year. It is kept under
 * {@code <data_dir>/tls/}, reused while valid for the hostname, and made again when it has expired
 * or the hostname changed. Opportunistic STARTTLS peers accept it (RFC 7435); verifying peers do
 * not, which is why production configs name a real certificate.
 */
public final class SelfSignedCertificate {

  static final String CERT_FILE = "self-signed-cert.pem";
  static final String KEY_FILE = "self-signed-key.pem";
  static final Duration VALIDITY = Duration.ofDays(365);

  private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificate() {}

  /** The self-signed material under {@code dataDir/tls/}, made or remade when needed. */
  public static KeyMaterial ensure(Path dataDir, String hostname, InstantSource clock)
      throws IOException {
    Path dir = dataDir.resolve("tls");
    Path cert = dir.resolve(CERT_FILE);
    Path key = dir.resolve(KEY_FILE);
    Instant now = clock.instant();
    if (Files.exists(cert) && Files.exists(key)) {
      try {
        KeyMaterial existing = KeyMaterial.load(cert, key, now);
        if (usable(existing.leaf(), hostname, now)) {
          return existing;
        }
        log.info("event=tls-self-signed-renew file={} reason=expired-or-renamed", cert);
      } catch (TlsMaterialException e) {
        log.warn("event=tls-self-signed-unreadable file={} error=\"{}\"", cert, e.getMessage());
      }
    }
    KeyMaterial fresh = generate(hostname, now);
    Files.createDirectories(dir);
    writeAtomically(key, pem("PRIVATE KEY", fresh.privateKey().getEncoded()), true);
    writeAtomically(cert, pem("CERTIFICATE", encoded(fresh.leaf())), false);
    log.info("event=tls-self-signed-created file={} hostname={} not_after={}", cert, hostname,
        fresh.leaf().getNotAfter().toInstant());
    return fresh;
  }

  private static boolean usable(X509Certificate cert, String hostname, Instant now) {
    if (!now.isBefore(cert.getNotAfter().toInstant())) {
      return false;
    }
    try {
      var names = cert.getSubjectAlternativeNames();
      return names != null && names.stream().anyMatch(n -> hostname.equals(n.get(1)));
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  /** A fresh key and certificate valid from an hour before {@code now} for {@link #VALIDITY}. */
  public static KeyMaterial generate(String hostname, Instant now) {
    try {
      KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
      kpg.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = kpg.generateKeyPair();
      byte[] ecdsaWithSha256 = Der.sequence(Der.oid("1.2.840.10045.4.3.2"));
      byte[] name = Der.sequence(Der.tlv(0x31, Der.sequence(Der.oid("2.5.4.3"), Der.utf8(hostname))));
      byte[] serial = new byte[16];
      RANDOM.nextBytes(serial);
      serial[0] &= 0x7f; // RFC 5280 §4.1.2.2: positive, at most 20 bytes
      byte[] tbs = Der.sequence(
          Der.explicit(0, Der.integer(2)), // v3
          Der.integer(new BigInteger(1, serial)),
          ecdsaWithSha256,
          name,
          Der.sequence(
              Der.time(now.minus(Duration.ofHours(1)).atZone(ZoneOffset.UTC)),
              Der.time(now.plus(VALIDITY).atZone(ZoneOffset.UTC))),
          name,
          pair.getPublic().getEncoded(), // SubjectPublicKeyInfo
          Der.explicit(3, Der.sequence(
              extension("2.5.29.19", true, Der.sequence()), // basicConstraints: not a CA
              extension("2.5.29.15", true, Der.tlv(Der.BIT_STRING, new byte[] {7, (byte) 0x80})),
              extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
              extension("2.5.29.17", false, subjectAltNames(hostname)))));
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(pair.getPrivate());
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, ecdsaWithSha256, Der.bitString(signer.sign()));
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new KeyMaterial(pair.getPrivate(), List.of(cert));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 and SHA256withECDSA are part of every JDK", e);
    }
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** RFC 5280 §4.2.1.6: dNSName is [2] IA5String, iPAddress is [7] OCTET STRING. */
  private static byte[] subjectAltNames(String hostname) {
    Set<String> dns = new LinkedHashSet<>(List.of(hostname, "localhost"));
    byte[][] names = new byte[dns.size() + 1][];
    int i = 0;
    for (String n : dns) {
      names[i++] = Der.tlv(0x82, n.getBytes(StandardCharsets.US_ASCII));
    }
    names[i] = Der.tlv(0x87, InetAddress.getLoopbackAddress().getAddress());
    return Der.sequence(names);
  }

  private static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateException e) {
      throw new IllegalStateException("a certificate we just parsed encodes", e);
    }
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /**
   * Writes a temporary file in the same folder (mode 0600 from creation for keys), syncs it and
   * renames it over {@code target}, so a crash leaves the old file or the new one, never half.
   */
  static void writeAtomically(Path target, String content, boolean secret) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    boolean posix = Files.getFileStore(target.getParent()).supportsFileAttributeView("posix");
    try (FileChannel ch = posix && secret
        ? FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another process is writing " + target, e);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename itself is still atomic.
    }
  }
}
