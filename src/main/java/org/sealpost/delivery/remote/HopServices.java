package org.sealpost.delivery.remote;

/**
 * What every {@link HopAttempt} of one {@link RemoteDelivery} shares: settings, client TLS, the
 * sessions parked for reuse, the memory of unreachable addresses, and TLS reporting.
 */
record HopServices(
    RemoteSettings settings,
    OutboundTls tls,
    SessionCache sessions,
    UnreachableAddresses unreachable,
    TlsReporter reporter) {}
