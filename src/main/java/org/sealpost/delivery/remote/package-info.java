/**
 * Remote delivery over SMTP with the security RFC 8689 and the local TLS policy demand.
 *
 * <p>{@link org.sealpost.delivery.remote.RemoteDelivery} finds the candidate hosts (MX per RFC 5321
 * §5.1 through {@code dns.MxResolver}, or the configured smart host), and for each host in order
 * opens one {@link org.sealpost.delivery.remote.HopAttempt}: connect, EHLO, STARTTLS (SNI, bytes
 * after the 220 abort the host, SEC-2), EHLO again, then {@code policy.TransportPolicy} judges the
 * facts. A refused host gets QUIT and the next host is tried (RT-25); when none is left, a
 * REQUIRETLS message fails with 5.7.30 (a host verified but lacked REQUIRETLS) or 5.7.10 (no
 * verified TLS session), while transport failures (TCP, timeouts, DNS, 4xx) defer (RT-26).
 *
 * <p>Certificates are checked after the handshake, so opportunistic sessions can still use TLS
 * when a certificate does not verify: PKIX against the configured trust store, and the name per
 * RFC 6125 as RFC 7672 §3.2.3 narrows it (DNS-IDs, a wildcard only as the whole left-most label,
 * the CN only when there is no DNS-ID).
 */
@NullMarked
package org.sealpost.delivery.remote;

import org.jspecify.annotations.NullMarked;
