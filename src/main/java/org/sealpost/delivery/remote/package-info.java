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
 * the CN only when there is no DNS-ID). At {@code tls = "encrypt"} without REQUIRETLS no verdict
 * depends on the certificate, so the PKIX check is skipped and the hop is logged as {@code
 * tls=encrypted}, which is all that was established; opportunistic levels still check it, so that
 * the log can say {@code tls=verified-pkix}.
 *
 * <p>Sessions are reused (RFC 5321 §3.3: several transactions per session). After a transaction the
 * session is parked in a {@link org.sealpost.delivery.remote.SessionCache} under the candidate and
 * the {@code HopRequirement} it was judged under; only a message with an equal requirement picks it
 * up, so a session opened for a {@code TLS-Required: No} message never carries a REQUIRETLS one.
 * The taker sends RSET (a dead session is closed and a new connection made, so no message suffers
 * from it) and judges the session again on the facts it was judged on. An idle limit and a limit
 * of transactions per session close sessions (QUIT), as does shutdown. New connections to a host
 * resume the last TLS session with it (TLS 1.3 tickets, cached by the one client {@code SSLContext});
 * a resumed session still yields the peer's chain for the PKIX check.
 *
 * <p>An address whose TCP connect failed is skipped by later messages for a minute ({@link
 * org.sealpost.delivery.remote.UnreachableAddresses}, SMTP-5's per-host state), so they do not
 * each wait out the connect timeout.
 */
@NullMarked
package org.sealpost.delivery.remote;

import org.jspecify.annotations.NullMarked;
