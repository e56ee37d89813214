/**
 * DANE for SMTP (RFC 7672, on RFC 6698 and RFC 7671): which MX hosts must be reached over TLS and
 * how their certificates are authenticated from DNSSEC-signed TLSA records instead of (or besides)
 * the web's CAs. Pure logic apart from the DNS questions {@link
 * org.sealpost.policy.dane.TlsaLookup} asks; delivery calls it per host.
 *
 * <p>The flow for one MX host:
 *
 * <ol>
 *   <li>{@link org.sealpost.policy.dane.TlsaLookup#lookup} reads the host's address answers (from
 *       {@link org.sealpost.dns.MxHost}). Not DNSSEC-signed: DANE does not apply and no TLSA query
 *       is sent (DANE-4). Otherwise it queries {@code _25._tcp.<base>}, the CNAME-expanded host
 *       name first, then the name itself (DANE-5), and answers a {@link
 *       org.sealpost.policy.dane.DaneState}:
 *       <ul>
 *         <li>{@code Usable}: TLS is mandatory, SNI is the TLSA base domain (DANE-13), and the
 *             certificate MUST authenticate, or the host is skipped (DANE-6, DANE-12);
 *         <li>{@code Unusable}: secure records, none usable (e.g. PKIX-TA/PKIX-EE, DANE-10): TLS
 *             is mandatory, authentication is not (DANE-7);
 *         <li>{@code NotApplicable}: opportunistic TLS as without DANE;
 *         <li>{@code Failed}: a lookup was bogus, SERVFAIL or timed out: skip the host, and defer
 *             when none is left (DANE-2).
 *       </ul>
 *   <li>After the TLS handshake, {@link org.sealpost.policy.dane.DaneVerifier#verify} matches the
 *       presented chain against the usable records. DANE-EE(3) matches the leaf alone, ignoring
 *       names and expiry (DANE-8); DANE-TA(2) needs the anchor in the chain, a signed path to it,
 *       a leaf within its dates and a leaf naming one of the {@link
 *       org.sealpost.policy.dane.ReferenceNames} (DANE-9, DANE-11). Only the strongest digest of
 *       each usage and selector counts (RFC 7671 §9). The {@link
 *       org.sealpost.policy.dane.DaneVerdict} names the record that matched, or says why none did
 *       and which RFC 8460 result type to report.
 * </ol>
 *
 * <p>What is not here: choosing hosts, connecting, the TLS handshake and what to do with a verdict
 * (delivery and {@code TransportPolicy}); mandatory DANE per destination (DANE-14) and its
 * precedence over MTA-STS (STS-12) are decisions for the caller, made with {@link
 * org.sealpost.policy.dane.DaneState#requiresTls()} and {@link
 * org.sealpost.policy.dane.DaneVerdict#verified()}.
 */
@NullMarked
package org.sealpost.policy.dane;

import org.jspecify.annotations.NullMarked;
