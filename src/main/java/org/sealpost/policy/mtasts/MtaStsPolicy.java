package org.sealpost.policy.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sealpost.config.MtaStsMode;
import org.sealpost.mail.Domain;

/**
 * An MTA-STS policy (RFC 8461 §3.2): its mode, {@code mx} patterns and {@code max_age}, with the
 * policy's lines as published, which TLS-RPT reports as the {@code policy-string} (RFC 8460 §4.5,
 * RPT-4). {@link PolicyText#parse} builds it from the fetched text.
 *
 * @param maxAge how long the policy may be cached after it was fetched (RFC 8461 §3.2)
 * @param lines the policy's non-empty lines, without line endings, in the order published
 */
public record MtaStsPolicy(MtaStsMode mode, List<String> mxPatterns, Duration maxAge, List<String> lines) {

  public MtaStsPolicy {
    mxPatterns = mxPatterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    lines = List.copyOf(lines);
  }

  /** A policy built in code (tests, local rules): its lines are written from the values. */
  public MtaStsPolicy(MtaStsMode mode, List<String> mxPatterns) {
    this(mode, mxPatterns, Duration.ofDays(7), canonicalLines(mode, mxPatterns, Duration.ofDays(7)));
  }

  /**
   * RFC 8461 §4.1 (STS-8 part 1): the host matches a pattern exactly, or a {@code *.suffix} pattern
   * with exactly one more label (never the suffix itself). Mode {@code none} matches nothing.
   */
  public boolean matches(Domain host) {
    if (mode == MtaStsMode.NONE) {
      return false;
    }
    String name = host.name();
    for (String pattern : mxPatterns) {
      if (pattern.startsWith("*.")) {
        String suffix = pattern.substring(1); // ".example.com"
        if (name.endsWith(suffix)) {
          String first = name.substring(0, name.length() - suffix.length());
          if (!first.isEmpty() && first.indexOf('.') < 0) {
            return true;
          }
        }
      } else if (pattern.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> canonicalLines(MtaStsMode mode, List<String> mx, Duration maxAge) {
    List<String> out = new ArrayList<>();
    out.add("version: STSv1");
    out.add("mode: " + mode.code());
    for (String m : mx) {
      out.add("mx: " + m.toLowerCase(Locale.ROOT));
    }
    out.add("max_age: " + maxAge.toSeconds());
    return out;
  }
}
