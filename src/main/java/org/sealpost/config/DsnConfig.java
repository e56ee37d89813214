package org.sealpost.config;

/**
 * {@code [dsn]}: limits on the delivery status notifications Sealpost generates (SEC-10, bounce
 * backscatter). Reports to senders that authenticated to us are never capped; see {@code
 * report.dsn.Bouncer}.
 *
 * @param maxPerSenderPerHour DSNs to one unauthenticated sender address in any hour; 0 is no cap
 * @param maxPerMinute DSNs to unauthenticated senders, all together, in any minute; 0 is no cap
 * @param maxFullReturnSize the largest message a {@code RET=FULL} failure report returns whole;
 *     larger ones are returned as their header section (SEC-10: headers for large messages)
 */
public record DsnConfig(int maxPerSenderPerHour, int maxPerMinute, long maxFullReturnSize) {

  public DsnConfig {
    if (maxPerSenderPerHour < 0 || maxPerMinute < 0 || maxFullReturnSize <= 0) {
      throw new IllegalArgumentException("DSN limits must not be negative");
    }
  }
}
