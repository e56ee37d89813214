package org.sealpost.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code [tls]}: the server certificate chain and key (PEM; RSA or ECDSA). When both are unset and
 * {@code self_signed} is true (the default) a self-signed certificate for the server hostname is
 * created under {@code data_dir/tls/} on first start; with {@code self_signed = false} and no
 * certificate, TLS is off (no STARTTLS, and no {@code submissions} listener is allowed). The files
 * are checked for changes every {@code reload_interval} (zero: never) and reloaded without a
 * restart. {@code min_version} is {@code TLSv1.2} or {@code TLSv1.3}.
 */
public record TlsConfig(
    @Nullable Path certificate,
    @Nullable Path privateKey,
    String minVersion,
    Duration handshakeTimeout,
    Duration reloadInterval,
    boolean selfSigned) {

  /** The form without {@code self_signed}, which then defaults to true. */
  public TlsConfig(
      @Nullable Path certificate,
      @Nullable Path privateKey,
      String minVersion,
      Duration handshakeTimeout,
      Duration reloadInterval) {
    this(certificate, privateKey, minVersion, handshakeTimeout, reloadInterval, true);
  }

  /** Whether TLS can be offered: a certificate is configured or a self-signed one may be made. */
  public boolean enabled() {
    return certificate != null || selfSigned;
  }
}
