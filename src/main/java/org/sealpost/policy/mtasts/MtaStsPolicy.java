package org.sealpost.policy.mtasts;

import java.util.List;
import java.util.Locale;
import org.sealpost.mail.Domain;

/** An MTA-STS policy (RFC 8461 §3.2): its mode and {@code mx} patterns. */
public record MtaStsPolicy(Mode mode, List<String> mxPatterns) {

  public MtaStsPolicy {
    mxPatterns = mxPatterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
  }

  /** RFC 8461 §5. */
  public enum Mode {
    ENFORCE,
    TESTING,
    NONE
  }

  /**
   * RFC 8461 §4.1 (STS-8 part 1): the host matches a pattern exactly, or a {@code *.suffix} pattern
   * with exactly one more label (never the suffix itself). Mode {@code none} matches nothing.
   */
  public boolean matches(Domain host) {
    if (mode == Mode.NONE) {
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
}
