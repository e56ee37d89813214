package org.sealpost.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code [tlsrpt]}: SMTP TLS Reporting (RFC 8460), the daily reports Sealpost sends to the domains
 * it delivers to.
 *
 * @param enabled whether results are kept and reports sent
 * @param organizationName the report's {@code organization-name}; default: {@code server.hostname}
 * @param contactInfo the report's {@code contact-info} and the From of report mail; default:
 *     {@code postmaster@<hostname>}
 * @param submitter the {@code TLS-Report-Submitter} and file-name prefix; default: the hostname
 * @param maxDelay the most a day's reports wait after 00:00 UTC (a random delay, RFC 8460 §4.1)
 * @param storeDir where results, built reports and pending submissions are kept; default
 *     {@code <data_dir>/tlsrpt}
 * @param caFile PEM certificates that HTTPS report receivers must chain to; null for the JDK's
 *     trust store
 */
public record TlsRptConfig(
    boolean enabled,
    String organizationName,
    String contactInfo,
    String submitter,
    Duration maxDelay,
    Path storeDir,
    @Nullable Path caFile) {}
