package org.sealpost.mail;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A queue id: 16 characters of Crockford base32, the first ten encoding the arrival time in
 * milliseconds (so ids sort by arrival, like Postfix long queue ids), the last six random.
 */
public record QueueId(String value) implements Comparable<QueueId> {

  private static final char[] ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXYZA".toCharArray();
  private static final RandomGenerator RANDOM = new SecureRandom();
  public static final int LENGTH = 16;

  public QueueId {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a queue id: " + value);
    }
  }

  public static QueueId generate(Instant now) {
    return generate(now, RANDOM);
  }

  public static QueueId generate(Instant now, RandomGenerator random) {
    char[] out = new char[LENGTH];
    long millis = now.toEpochMilli();
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    long r = random.nextLong();
    for (int i = 10; i < LENGTH; i++) {
      out[i] = ALPHABET[(int) (r & 31)];
      r >>>= 5;
    }
    return new QueueId(new String(out));
  }

  public static boolean isValid(String value) {
    if (value.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (new String(ALPHABET).indexOf(value.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(QueueId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
