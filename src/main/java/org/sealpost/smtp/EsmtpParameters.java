package org.sealpost.smtp;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters after a MAIL or RCPT path, in the order given. Syntax was checked when parsing;
 * meaning (known keyword? valid value? advertised?) is the caller's to judge: an unknown keyword
 * gets {@code 555 5.5.4} (RFC 5321 §4.1.1.11), a repeated one {@code 501 5.5.4} (DSN-2, RT-8).
 */
public record EsmtpParameters(List<EsmtpParameter> list) {

  public static final EsmtpParameters NONE = new EsmtpParameters(List.of());

  public EsmtpParameters {
    list = List.copyOf(list);
  }

  /** The first parameter with this keyword (case-insensitive). */
  public Optional<EsmtpParameter> get(String keyword) {
    for (EsmtpParameter p : list) {
      if (p.is(keyword)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public boolean has(String keyword) {
    return get(keyword).isPresent();
  }

  /** The upper-cased keyword of the first parameter that repeats an earlier one, if any. */
  public Optional<String> firstDuplicate() {
    Set<String> seen = new HashSet<>();
    for (EsmtpParameter p : list) {
      if (!seen.add(p.keyword())) {
        return Optional.of(p.keyword());
      }
    }
    return Optional.empty();
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  /** The wire form, parameters separated by SP. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (EsmtpParameter p : list) {
      sb.append(sb.isEmpty() ? "" : " ").append(p);
    }
    return sb.toString();
  }
}
