package org.sealpost.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code [dns]}: the resolvers to ask ({@code host} or {@code host:port}), the DNSSEC mode, the
 * trust anchor file for {@code validate} (unset: the IANA root anchor shipped with Sealpost),
 * whether {@code trust-ad} may use a non-loopback resolver, timeouts and the cache size.
 */
public record DnsConfig(
    DnsMode mode,
    List<String> resolvers,
    @Nullable Path trustAnchor,
    boolean allowRemoteAd,
    Duration timeout,
    int retries,
    int cacheSize) {

  public DnsConfig {
    resolvers = List.copyOf(resolvers);
  }
}
