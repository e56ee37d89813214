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
 * @param dsnPassedOn whether the hop offered DSN, so NOTIFY/ORCPT/RET/ENVID went on with the
 *     message (RFC 3461 §5.2.1, DSN-3) and success reports are now the hop's to send; false means
 *     the parameters were dropped (DSN-4) and a requested SUCCESS report is ours, as "relayed"
 */
public record Hop(String host, String address, int port, TlsLevel tls, boolean requireTls, boolean dsnPassedOn) {

  /** A hop the message did not reach with DSN parameters (refused before MAIL, or no DSN offered). */
  public Hop(String host, String address, int port, TlsLevel tls, boolean requireTls) {
    this(host, address, port, tls, requireTls, false);
  }

  /** The same hop, noting whether the DSN parameters went on to it. */
  public Hop withDsnPassedOn(boolean passedOn) {
    return new Hop(host, address, port, tls, requireTls, passedOn);
  }
}
