package org.sealpost.dns;

import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Conversions between Sealpost's {@link Domain} and dnsjava's {@link Name}. */
final class Names {

  private Names() {}

  /** The absolute DNS name of a domain; address literals have none. */
  static Name toName(Domain domain) {
    if (domain.isAddressLiteral()) {
      throw new IllegalArgumentException("an address literal has no DNS name: " + domain);
    }
    try {
      return Name.fromString(domain.name() + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + domain, e);
    }
  }

  /** The domain for a DNS name, or null for the root and for names a mail domain cannot be. */
  static @Nullable Domain toDomain(Name name) {
    if (name.equals(Name.root)) {
      return null;
    }
    try {
      return Domain.of(name.toString(true));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
