package org.sealpost.dns;

import org.jspecify.annotations.Nullable;
import org.sealpost.config.DnsMode;

/**
 * What start-up built: the resolver, the mode asked for and the mode in force. They differ when the
 * start-up probe found that answers are not really validated; {@code problem} then says why.
 */
public record ResolverSetup(
    Resolver resolver, DnsMode requested, DnsMode effective, @Nullable String problem) {

  public boolean degraded() {
    return requested != effective;
  }
}
