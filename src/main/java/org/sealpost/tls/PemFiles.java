package org.sealpost.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM (RFC 7468) certificate chains and private keys with the JDK alone. Keys may be PKCS#8
 * ({@code PRIVATE KEY}, RFC 5208), PKCS#1 RSA ({@code RSA PRIVATE KEY}, RFC 8017 §A.1.2) or SEC1
 * EC ({@code EC PRIVATE KEY}, RFC 5915); the traditional forms are wrapped into PKCS#8, which
 * {@link KeyFactory} understands. Encrypted keys are refused: the server starts unattended.
 */
final class PemFiles {

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

  private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  private static final String P256 = "1.2.840.10045.3.1.7";
  private static final String P384 = "1.3.132.0.34";

  private PemFiles() {}

  /** The certificates of {@code file} in order (leaf first, as servers send them). */
  static List<X509Certificate> readCertificates(String what, Path file) throws TlsMaterialException {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(what, file)) {
        if (b.label().equals("CERTIFICATE")) {
          out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException e) {
      throw new TlsMaterialException(what + " " + file + ": bad certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new TlsMaterialException(what + " " + file + ": no certificate found");
    }
    return List.copyOf(out);
  }

  /** The first private key in {@code file}. */
  static PrivateKey readPrivateKey(String what, Path file) throws TlsMaterialException {
    for (Block b : blocks(what, file)) {
      try {
        switch (b.label()) {
          case "PRIVATE KEY" -> {
            return pkcs8(b.der());
          }
          case "RSA PRIVATE KEY" -> {
            return pkcs8(Der.sequence(Der.integer(0),
                Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nul()), Der.octetString(b.der())));
          }
          case "EC PRIVATE KEY" -> {
            return pkcs8(Der.sequence(Der.integer(0),
                Der.sequence(Der.oid(EC_PUBLIC_KEY), curveOf(b.der())),
                Der.octetString(b.der())));
          }
          case "ENCRYPTED PRIVATE KEY" -> throw new TlsMaterialException(what + " " + file
              + ": encrypted private keys are not supported (decrypt with `openssl pkey`)");
          default -> {
            // Other blocks (certificates, parameters) may share the file.
          }
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new TlsMaterialException(what + " " + file + ": unreadable " + b.label() + ": "
            + e.getMessage(), e);
      }
    }
    throw new TlsMaterialException(what + " " + file + ": no private key found "
        + "(expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  /** The named-curve OID in a SEC1 key's {@code [0] parameters} (RFC 5915 §3), as DER. */
  private static byte[] curveOf(byte[] sec1) {
    for (Der.Element e : Der.parse(sec1).children()) {
      if (e.tag() == 0xa0) {
        Der.Element oid = Der.parse(e.contents());
        if (oid.tag() == Der.OID) {
          return Der.tlv(Der.OID, oid.contents());
        }
      }
    }
    // RFC 5915 §3 says parameters MUST be present, but some writers (BouncyCastle from a JDK key)
    // leave them out. The private key is a fixed-length octet string (SEC 1 §C.4), so its length
    // tells the two curves we support apart.
    for (Der.Element e : Der.parse(sec1).children()) {
      if (e.tag() == Der.OCTET_STRING) {
        return switch (e.contents().length) {
          case 32 -> Der.oid(P256);
          case 48 -> Der.oid(P384);
          default -> throw new IllegalArgumentException("EC key names no curve");
        };
      }
    }
    throw new IllegalArgumentException("not an EC private key");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    List<Der.Element> info = Der.parse(der).children();
    if (info.size() < 3 || info.get(1).tag() != Der.SEQUENCE) {
      throw new IllegalArgumentException("not a PKCS#8 PrivateKeyInfo");
    }
    byte[] algorithm = Der.tlv(Der.OID, info.get(1).children().getFirst().contents());
    String name;
    if (java.util.Arrays.equals(algorithm, Der.oid(RSA_ENCRYPTION))) {
      name = "RSA";
    } else if (java.util.Arrays.equals(algorithm, Der.oid(EC_PUBLIC_KEY))) {
      name = "EC";
    } else {
      throw new IllegalArgumentException("unsupported key algorithm (use RSA or ECDSA)");
    }
    return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private record Block(String label, byte[] der) {}

  private static List<Block> blocks(String what, Path file) throws TlsMaterialException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new TlsMaterialException(what + " " + file + ": cannot read: " + e, e);
    }
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(2);
      if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
        throw new TlsMaterialException(what + " " + file
            + ": encrypted private keys are not supported (decrypt with `openssl pkey`)");
      }
      try {
        out.add(new Block(m.group(1), Base64.getDecoder().decode(body.replaceAll("\\s+", ""))));
      } catch (IllegalArgumentException e) {
        throw new TlsMaterialException(what + " " + file + ": bad base64 in " + m.group(1), e);
      }
    }
    return out;
  }
}
