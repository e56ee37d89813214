package org.sealpost.mail;

import org.jspecify.annotations.Nullable;

/**
 * Who handed us a message: the peer address and port, the EHLO/HELO name, the listener it came in
 * on, the TLS session if any, and the authenticated user if any.
 */
public record ClientInfo(
    String address,
    int port,
    String heloName,
    String listener,
    @Nullable TlsFacts tls,
    @Nullable String authenticatedUser) {}
