package org.sealpost.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.mail.Domain;

/**
 * {@code [mta_sts_policy]}: the MTA-STS policy (RFC 8461 §3.2, spec STS-3) Sealpost publishes for
 * the domains it receives mail for, and the HTTPS listener that serves it at
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (STS-2).
 *
 * @param enabled whether {@code sealpost serve} starts the HTTPS listener
 * @param listen where the HTTPS listener binds (an IP literal and a port; senders always fetch on
 *     port 443, so a non-443 port needs a port forward in front)
 * @param certFile the certificate chain for the listener; null: the SMTP server's certificate
 *     ({@code [tls]}, or its self-signed one)
 * @param keyFile its private key; null exactly when {@code certFile} is null
 * @param mode the policy mode
 * @param mx the {@code mx} patterns: host names or {@code *.suffix}, A-labels, lower case; empty
 *     only with mode {@code none}
 * @param maxAge the policy's {@code max_age} in seconds, 0 to {@link #MAX_AGE_LIMIT}
 * @param domains the policy domains served (host names {@code mta-sts.<domain>})
 * @param tlsrptRua where TLS reports go ({@code mailto:} or {@code https:}, RFC 8460 §3, RPT-1);
 *     empty: no {@code _smtp._tls} record is suggested
 */
public record MtaStsPolicyConfig(
    boolean enabled,
    InetSocketAddress listen,
    @Nullable Path certFile,
    @Nullable Path keyFile,
    MtaStsMode mode,
    List<String> mx,
    long maxAge,
    List<Domain> domains,
    List<URI> tlsrptRua) {

  /** RFC 8461 §3.2: max_age is at most 31557600 seconds (about one year). */
  public static final long MAX_AGE_LIMIT = 31_557_600L;

  public MtaStsPolicyConfig {
    mx = List.copyOf(mx);
    domains = List.copyOf(domains);
    tlsrptRua = List.copyOf(tlsrptRua);
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("cert_file and key_file go together");
    }
    if (maxAge < 0 || maxAge > MAX_AGE_LIMIT) {
      throw new IllegalArgumentException("max_age out of range: " + maxAge);
    }
    if (mx.isEmpty() && mode != MtaStsMode.NONE) {
      throw new IllegalArgumentException("mode " + mode.code() + " needs at least one mx");
    }
  }

  /**
   * The TLS settings of the HTTPS listener when it has its own certificate: the SMTP server's
   * {@code [tls]} protocol floor, timeouts and reload interval, with this section's files. Null
   * when the listener shares the SMTP server's certificate.
   */
  public @Nullable TlsConfig ownTls(TlsConfig smtp) {
    return certFile == null
        ? null
        : new TlsConfig(certFile, keyFile, smtp.minVersion(), smtp.handshakeTimeout(),
            smtp.reloadInterval(), false);
  }
}
