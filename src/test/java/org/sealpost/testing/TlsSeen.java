package org.sealpost.testing;

import java.util.Optional;

/**
 * The TLS session of one connection, as the peer saw it after its handshake.
 *
 * @param protocol e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param serverName the SNI host name the client sent (RFC 6066 §3; DANE-13, STS-12), if any
 */
public record TlsSeen(String protocol, String cipherSuite, Optional<String> serverName) {}
