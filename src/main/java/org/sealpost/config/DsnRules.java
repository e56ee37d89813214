package org.sealpost.config;

import java.util.List;

/**
 * {@code [dsn]}: two non-negative caps (0 turns one off) and a positive size. One cross-check: a
 * per-sender cap above what the global cap lets through in an hour could never be reached.
 */
final class DsnRules {

  static final List<String> KEYS = List.of("max_per_sender_per_hour", "max_per_minute", "max_full_return_size");

  private DsnRules() {}

  static DsnConfig read(TomlSection s) throws ConfigException {
    DsnConfig d = Defaults.dsn();
    int perSender = s.nonNegativeInt("max_per_sender_per_hour", d.maxPerSenderPerHour());
    int perMinute = s.nonNegativeInt("max_per_minute", d.maxPerMinute());
    if (perSender > 0 && perMinute > 0 && perSender > 60L * perMinute) {
      throw s.error("max_per_sender_per_hour", perSender + " can never be reached: max_per_minute ("
          + perMinute + ") lets at most " + 60L * perMinute + " through in an hour");
    }
    long fullReturn = s.size("max_full_return_size", d.maxFullReturnSize(), Long.MAX_VALUE);
    return new DsnConfig(perSender, perMinute, fullReturn);
  }
}
