package org.sealpost.policy.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.MtaStsMode;

/**
 * The policy file served at {@code /.well-known/mta-sts.txt} (RFC 8461 §3.2, STS-3): {@code key:
 * value} lines ending in CRLF or LF. {@code version}, {@code mode} and {@code max_age} are
 * required, {@code mx} too unless the mode is {@code none}; unknown keys are ignored; a repeated
 * key other than {@code mx} keeps its first value. Anything else wrong makes the whole policy
 * invalid (reported as {@code sts-policy-invalid}, RFC 8460 §4.3.2).
 */
final class PolicyText {

  /** RFC 8461 §3.2: max_age is at most 31557600 seconds (about one year). */
  static final long MAX_AGE_LIMIT = 31_557_600L;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");
  private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,10}");
  // sts-policy-mx-value: an optional "*." then a name of letters, digits, "_", "-" and ".".
  private static final Pattern MX =
      Pattern.compile("(\\*\\.)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");

  private PolicyText() {}

  /** The outcome of parsing: a policy, or why there is none. */
  sealed interface Parse {}

  record Parsed(MtaStsPolicy policy) implements Parse {}

  record Invalid(String reason) implements Parse {}

  static Parse parse(String text) {
    Map<String, String> first = new HashMap<>();
    List<String> mx = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isBlank()) {
        continue; // the optional final line terminator, or a stray empty line
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        return new Invalid("line without \":\": \"" + line + "\"");
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1).strip();
      if (!KEY.matcher(key).matches()) {
        return new Invalid("malformed key \"" + key + "\"");
      }
      lines.add(line);
      if (key.equals("mx")) {
        if (!MX.matcher(value).matches()) {
          return new Invalid("malformed mx \"" + value + "\"");
        }
        mx.add(value.endsWith(".") ? value.substring(0, value.length() - 1) : value);
      } else {
        first.putIfAbsent(key, value); // RFC 8461 §3.2: the first of a repeated key counts
      }
    }
    String version = first.get("version");
    if (version == null) {
      return new Invalid("no version");
    }
    if (!version.equals("STSv1")) {
      return new Invalid("version \"" + version + "\" is not STSv1");
    }
    String modeText = first.get("mode");
    if (modeText == null) {
      return new Invalid("no mode");
    }
    @Nullable MtaStsMode mode = switch (modeText) {
      case "enforce" -> MtaStsMode.ENFORCE;
      case "testing" -> MtaStsMode.TESTING;
      case "none" -> MtaStsMode.NONE;
      default -> null;
    };
    if (mode == null) {
      return new Invalid("mode \"" + modeText + "\" is not enforce, testing or none");
    }
    String maxAgeText = first.get("max_age");
    if (maxAgeText == null) {
      return new Invalid("no max_age");
    }
    if (!MAX_AGE.matcher(maxAgeText).matches()) {
      return new Invalid("max_age \"" + maxAgeText + "\" is not 1-10 digits");
    }
    long maxAge = Long.parseLong(maxAgeText);
    if (maxAge > MAX_AGE_LIMIT) {
      // [I] The RFC caps the value; a larger one is refused rather than silently shortened.
      return new Invalid("max_age " + maxAge + " is more than " + MAX_AGE_LIMIT);
    }
    if (mx.isEmpty() && mode != MtaStsMode.NONE) {
      return new Invalid("no mx (required unless mode is none)");
    }
    return new Parsed(new MtaStsPolicy(mode, mx, Duration.ofSeconds(maxAge), lines));
  }
}
