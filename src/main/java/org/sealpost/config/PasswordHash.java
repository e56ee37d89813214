package org.sealpost.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes for {@code [[auth.user]] password_hash}, in the form
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}: PBKDF2 with HMAC-SHA-256 (RFC
 * 8018 §5.2) from the JDK, a 16-byte random salt, a 32-byte derived key and at least 210,000
 * iterations (the OWASP 2023 figure for PBKDF2-HMAC-SHA256). The iteration count is stored, so it
 * can be raised later without invalidating old hashes.
 */
public final class PasswordHash {

  /** The scheme name at the start of every hash. */
  public static final String SCHEME = "pbkdf2-sha256";

  /** The fewest iterations accepted in a configured hash, and the count new hashes use. */
  public static final int MIN_ITERATIONS = 210_000;

  /** An upper bound so a hostile config cannot make every AUTH attempt take minutes. */
  static final int MAX_ITERATIONS = 10_000_000;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /** Hashes {@code password} with a fresh salt and {@link #MIN_ITERATIONS}. */
  public static String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return format(MIN_ITERATIONS, salt, derive(password, salt, MIN_ITERATIONS, HASH_BYTES));
  }

  /**
   * Whether {@code password} matches {@code encoded}. The comparison of the derived keys takes the
   * same time wherever they differ ({@link MessageDigest#isEqual}); a malformed hash never matches.
   */
  public static boolean verify(char[] password, String encoded) {
    Parsed p;
    try {
      p = parse(encoded);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] candidate = derive(password, p.salt(), p.iterations(), p.hash().length);
    return MessageDigest.isEqual(candidate, p.hash());
  }

  /**
   * Checks the form of {@code encoded} without a password; the exception message says what is
   * wrong (used by the config loader).
   */
  public static void validate(String encoded) {
    parse(encoded);
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String encoded) {
    String expected = "expected " + SCHEME + "$<iterations>$<salt base64>$<hash base64> "
        + "(run `sealpost passwd`)";
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException(expected);
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad iteration count \"" + parts[1] + "\"; " + expected);
    }
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("iteration count " + iterations + " is outside "
          + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
    }
    byte[] salt = decode(parts[2], "salt");
    byte[] hash = decode(parts[3], "hash");
    if (salt.length < SALT_BYTES) {
      throw new IllegalArgumentException("salt is " + salt.length + " bytes, expected at least "
          + SALT_BYTES);
    }
    if (hash.length < HASH_BYTES) {
      throw new IllegalArgumentException("hash is " + hash.length + " bytes, expected at least "
          + HASH_BYTES);
    }
    return new Parsed(iterations, salt, hash);
  }

  private static byte[] decode(String b64, String what) {
    try {
      return Base64.getDecoder().decode(b64.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not base64");
    }
  }

  private static String format(int iterations, byte[] salt, byte[] hash) {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
