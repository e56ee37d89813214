package org.sealpost.delivery;

/**
 * The remote host an attempt talked to, as logged ({@code relay=host[ip]:port tls=... requiretls=...})
 * and reported in DSNs ({@code Remote-MTA}).
 *
 * @param host the host name (MX name, smart host) or address literal
 * @param address the IP address connected to
 * @param port the TCP port
 * @param tls the TLS achieved on the session
 * @param requireTls whether the message went with the REQUIRETLS parameter
 */
public record Hop(String host, String address, int port, TlsLevel tls, boolean requireTls) {}
