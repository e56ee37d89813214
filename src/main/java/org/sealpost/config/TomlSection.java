package org.sealpost.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One table of the configuration, read key by key with typed getters. It refuses unknown keys up
 * front, and every getter returns the default when the key is absent and a {@link ConfigException}
 * naming {@code file:line: [table] key: ...} when the value is wrong.
 */
final class TomlSection {

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");
  private static final Pattern SIZE =
      Pattern.compile("([0-9]{1,15}) ?(B|K|KiB|k|kB|KB|M|MiB|MB|G|GiB|GB)?");

  private final String file;
  private final String label;
  private final TomlValue.Table table;

  private TomlSection(String file, String label, TomlValue.Table table) {
    this.file = file;
    this.label = label;
    this.table = table;
  }

  /** A section whose keys must all be among {@code keys}; {@code label} is "[limits]" or similar. */
  static TomlSection of(String file, String label, TomlValue.Table table, List<String> keys)
      throws ConfigException {
    for (Map.Entry<String, TomlValue> e : table.entries().entrySet()) {
      if (!keys.contains(e.getKey())) {
        throw new ConfigException(file, e.getValue().line(), "unknown key \"" + e.getKey()
            + "\" in " + label + " (expected one of: " + String.join(", ", keys) + ")");
      }
    }
    return new TomlSection(file, label, table);
  }

  String label() {
    return label;
  }

  /** The line of {@code key} if set, else of the table header. */
  int line(String key) {
    TomlValue v = table.entries().get(key);
    return v != null ? v.line() : table.line();
  }

  boolean has(String key) {
    return table.entries().containsKey(key);
  }

  ConfigException error(String key, String problem) {
    return new ConfigException(file, line(key), label + " " + key + ": " + problem);
  }

  private ConfigException expected(String key, TomlValue v, String what) {
    return new ConfigException(file, v.line(),
        label + " " + key + ": expected " + what + ", got " + v.toToml());
  }

  String string(String key, String dflt) throws ConfigException {
    TomlValue v = table.entries().get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof TomlValue.Str s)) {
      throw expected(key, v, "a string");
    }
    return s.value();
  }

  Optional<String> optionalString(String key) throws ConfigException {
    return has(key) ? Optional.of(nonEmptyString(key, "")) : Optional.empty();
  }

  String nonEmptyString(String key, String dflt) throws ConfigException {
    String s = string(key, dflt);
    if (s.isBlank()) {
      throw error(key, "must not be empty");
    }
    return s;
  }

  boolean bool(String key, boolean dflt) throws ConfigException {
    TomlValue v = table.entries().get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof TomlValue.Bool b)) {
      throw expected(key, v, "true or false");
    }
    return b.value();
  }

  /** An integer in [min, max]; {@code what} names the expectation, e.g. "a positive integer". */
  long integer(String key, long dflt, long min, long max, String what) throws ConfigException {
    TomlValue v = table.entries().get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof TomlValue.Int i) || i.value() < min || i.value() > max) {
      throw expected(key, v, what);
    }
    return i.value();
  }

  int positiveInt(String key, int dflt) throws ConfigException {
    return (int) integer(key, dflt, 1, Integer.MAX_VALUE, "a positive integer");
  }

  int nonNegativeInt(String key, int dflt) throws ConfigException {
    return (int) integer(key, dflt, 0, Integer.MAX_VALUE, "an integer >= 0");
  }

  /** {@code "30s"}, {@code "5m"}, {@code "2h"}, {@code "1d"} (also {@code "500ms"}); positive unless zero is allowed. */
  Duration duration(String key, Duration dflt, boolean zeroAllowed) throws ConfigException {
    TomlValue v = table.entries().get(key);
    if (v == null) {
      return dflt;
    }
    String what = "a duration like \"30s\", \"5m\", \"2h\" or \"1d\"";
    if (!(v instanceof TomlValue.Str s)) {
      throw expected(key, v, what);
    }
    Optional<Duration> parsed = parseDuration(s.value());
    if (parsed.isEmpty()) {
      throw expected(key, v, what);
    }
    Duration d = parsed.get();
    if (d.isZero() && !zeroAllowed) {
      throw expected(key, v, "a duration greater than zero");
    }
    return d;
  }

  /** {@code "30s"}, {@code "5m"}, ... as a duration; empty when {@code text} is not one. */
  static Optional<Duration> parseDuration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
  }

  /**
   * A size in bytes: an integer, or a string with a unit. K, M, G, KiB, MiB and GiB are powers of
   * 1024 (as in {@code -Xmx10M}); kB, KB, MB and GB are powers of 1000 (SI).
   */
  long size(String key, long dflt, long max) throws ConfigException {
    TomlValue v = table.entries().get(key);
    if (v == null) {
      return dflt;
    }
    String what = "a size like 52428800, \"50MiB\" or \"10M\"";
    long bytes;
    if (v instanceof TomlValue.Int i) {
      bytes = i.value();
    } else if (v instanceof TomlValue.Str s && SIZE.matcher(s.value()).matches()) {
      Matcher m = SIZE.matcher(s.value());
      m.matches();
      long unit =
          switch (m.group(2) == null ? "B" : m.group(2)) {
            case "K", "KiB", "k" -> 1L << 10;
            case "M", "MiB" -> 1L << 20;
            case "G", "GiB" -> 1L << 30;
            case "kB", "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            default -> 1L;
          };
      bytes = Math.multiplyHigh(Long.parseLong(m.group(1)), unit) != 0
          ? Long.MAX_VALUE
          : Long.parseLong(m.group(1)) * unit;
    } else {
      throw expected(key, v, what);
    }
    if (bytes <= 0) {
      throw expected(key, v, "a size greater than zero");
    }
    if (bytes > max) {
      throw expected(key, v, "a size of at most " + TomlWriter.size(max));
    }
    return bytes;
  }

  List<String> strings(String key, List<String> dflt) throws ConfigException {
    TomlValue v = table.entries().get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof TomlValue.Arr a)) {
      throw expected(key, v, "an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (TomlValue item : a.items()) {
      if (!(item instanceof TomlValue.Str s)) {
        throw expected(key, item, "only strings in the array");
      }
      out.add(s.value());
    }
    return List.copyOf(out);
  }

  /** Parses each string of an array; {@code parse} reports a bad item with IllegalArgumentException. */
  <T> List<T> list(String key, List<T> dflt, Function<String, T> parse) throws ConfigException {
    if (!has(key)) {
      return dflt;
    }
    List<String> raw = strings(key, List.of());
    List<TomlValue> items = ((TomlValue.Arr) table.entries().get(key)).items();
    List<T> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      try {
        out.add(parse.apply(raw.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file, items.get(i).line(), label + " " + key + ": " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /** A string mapped by {@code fromCode}, whose IllegalArgumentException message says what is expected. */
  <E> E choice(String key, E dflt, Function<String, E> fromCode) throws ConfigException {
    if (!has(key)) {
      return dflt;
    }
    String s = string(key, "");
    try {
      return fromCode.apply(s);
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }
}
