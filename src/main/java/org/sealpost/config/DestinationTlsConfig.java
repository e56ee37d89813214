package org.sealpost.config;

/**
 * One {@code [[delivery.policy]]}: the TLS policy for mail to one domain (or, with a smart host,
 * for the smart host's name), overriding {@code [delivery] tls} and {@code requiretls}.
 */
public record DestinationTlsConfig(String domain, TlsPolicyLevel tls, RequireTlsMode requireTls) {}
