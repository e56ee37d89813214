package org.sealpost.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code [tls]}: the server certificate chain and key (PEM; RSA or ECDSA). When both are unset a
 * self-signed certificate for the server hostname is created under {@code data_dir/tls/} on first
 * start. The files are checked for changes every {@code reload_interval} and reloaded without a
 * restart.
 */
public record TlsConfig(
    @Nullable Path certificate,
    @Nullable Path privateKey,
    String minVersion,
    Duration handshakeTimeout,
    Duration reloadInterval) {}
