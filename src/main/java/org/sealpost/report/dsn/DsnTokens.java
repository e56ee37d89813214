package org.sealpost.report.dsn;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Fresh tokens for MIME boundaries and {@code Message-ID} local parts. Random in production, so
 * that no sender can predict a boundary and place it in the returned content; fixed in golden tests.
 */
@FunctionalInterface
interface DsnTokens {

  /** A token of letters and digits, different on every call. */
  String next();

  static DsnTokens random() {
    RandomGenerator random = new SecureRandom();
    String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    return () -> {
      StringBuilder b = new StringBuilder(24);
      for (int i = 0; i < 24; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return b.toString();
    };
  }
}
