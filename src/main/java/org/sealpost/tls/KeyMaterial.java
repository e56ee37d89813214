package org.sealpost.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's private key with its certificate chain (leaf first). Loading checks that the key
 * belongs to the leaf; an expired or not-yet-valid leaf is only logged, because refusing to start
 * would turn an operator's late renewal into an outage while clients may still accept it.
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

  private static final Logger log = LoggerFactory.getLogger(KeyMaterial.class);

  public KeyMaterial {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty certificate chain");
    }
  }

  public X509Certificate leaf() {
    return chain.getFirst();
  }

  /** Reads the chain and the key from PEM files (they may be one file) and checks they match. */
  public static KeyMaterial load(Path certificate, Path privateKey, Instant now)
      throws TlsMaterialException {
    List<X509Certificate> chain = PemFiles.readCertificates("tls.certificate", certificate);
    PrivateKey key = PemFiles.readPrivateKey("tls.private_key", privateKey);
    if (!matches(key, chain.getFirst())) {
      throw new TlsMaterialException("tls.private_key " + privateKey
          + ": key does not match the certificate in " + certificate);
    }
    X509Certificate leaf = chain.getFirst();
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      log.warn("event=tls-certificate-expired file={} not_after={}", certificate,
          leaf.getNotAfter().toInstant());
    } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
      log.warn("event=tls-certificate-not-yet-valid file={} not_before={}", certificate,
          leaf.getNotBefore().toInstant());
    }
    return new KeyMaterial(key, chain);
  }

  /** Signs random bytes with the key and verifies them with the certificate's public key. */
  static boolean matches(PrivateKey key, X509Certificate cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> null;
    };
    if (algorithm == null || !key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())) {
      return false;
    }
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
