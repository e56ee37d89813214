package org.sealpost.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code [mta_sts]}: how Sealpost learns the MTA-STS policies of the domains it sends to (RFC 8461).
 *
 * @param enabled false treats every domain as publishing no policy
 * @param port the HTTPS port of policy hosts (443; tests move it)
 * @param caFile PEM certificates that policy hosts' certificates must chain to; null for the JDK's
 *     trust store
 * @param cacheDir where fetched policies are kept across restarts
 * @param fetchTimeout limit for a whole policy fetch (RFC 8461 §3.3 suggests one minute)
 * @param maxPolicySize limit for a policy body in bytes (RFC 8461 §3.3 suggests 64 KiB)
 */
public record MtaStsConfig(
    boolean enabled,
    int port,
    @Nullable Path caFile,
    Path cacheDir,
    Duration fetchTimeout,
    long maxPolicySize) {}
