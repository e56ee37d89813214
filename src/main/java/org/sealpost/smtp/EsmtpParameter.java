package org.sealpost.smtp;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One MAIL or RCPT parameter, {@code esmtp-keyword ["=" esmtp-value]} (RFC 5321 §4.1.2).
 *
 * @param keyword upper-cased, as keywords are case-insensitive (RFC 5321 §2.4)
 * @param value the value as written (xtext still encoded), or null for a bare keyword such as
 *     {@code REQUIRETLS}; never empty, as the syntax needs at least one character after {@code =}
 */
public record EsmtpParameter(String keyword, @Nullable String value) {

  public EsmtpParameter {
    keyword = keyword.toUpperCase(Locale.ROOT);
  }

  /** True for the keyword, compared case-insensitively. */
  public boolean is(String name) {
    return keyword.equalsIgnoreCase(name);
  }

  @Override
  public String toString() {
    return value == null ? keyword : keyword + "=" + value;
  }
}
