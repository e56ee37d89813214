package org.sealpost.dns;

import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * Where answers and their security come from; one implementation per {@link
 * org.sealpost.config.DnsMode}. A reply is a message with a security, or a validation failure
 * ({@code bogusReason} set); transport failures are exceptions.
 */
interface Upstream {

  Reply query(Name name, int type) throws TransportException;

  /** What the upstream said. {@code bogusReason} non-null means DNSSEC validation failed. */
  record Reply(@Nullable Message message, Security security, @Nullable String bogusReason) {
    static Reply bogus(String reason) {
      return new Reply(null, Security.INSECURE, reason);
    }
  }
}
