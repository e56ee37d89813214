package org.sealpost.dns;

import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * One MX record. {@code exchange} is null for the root name "." : {@code MX 0 .} is a null MX
 * (RFC 7505), the domain's statement that it accepts no mail.
 */
public record MxRecord(int preference, @Nullable Domain exchange) {

  public MxRecord {
    if (preference < 0 || preference > 0xFFFF) {
      throw new IllegalArgumentException("MX preference out of range: " + preference);
    }
  }

  /** RFC 7505 §3: a null MX is the single record {@code 0 .}; any "." target is unusable. */
  public boolean isNullMx() {
    return exchange == null;
  }

  @Override
  public String toString() {
    return preference + " " + (exchange == null ? "." : exchange.name() + ".");
  }
}
