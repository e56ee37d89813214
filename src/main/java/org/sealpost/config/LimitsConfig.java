package org.sealpost.config;

import java.time.Duration;

/** {@code [limits]}: resource limits per server and per session (SMTP-3, SMTP-4, SEC-9). */
public record LimitsConfig(
    int maxConnections,
    int maxConnectionsPerIp,
    int maxRecipients,
    long maxMessageSize,
    int maxErrors,
    int maxCommands,
    Duration idleTimeout,
    Duration sessionTimeout,
    int maxReceivedHeaders,
    int maxHeaderBytes) {}
