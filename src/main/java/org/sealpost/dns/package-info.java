/**
 * DNS for Sealpost, with the security of every answer known exactly (spec DANE-1, SMTP-13).
 *
 * <p>{@link org.sealpost.dns.Resolver} answers MX, A, AAAA, TLSA, TXT and CNAME questions with a
 * {@link org.sealpost.dns.DnsResult}: records that are {@link org.sealpost.dns.Security#SECURE
 * secure} or {@link org.sealpost.dns.Security#INSECURE insecure}; NXDOMAIN or NODATA, each secure
 * or insecure; or one of the failures BOGUS, SERVFAIL and TIMEOUT. The failures are never folded
 * into "no records": RFC 7672 §2.1.1 requires a DANE client to tell secure, insecure, bogus and
 * indeterminate apart, and the recurring bug in other MTAs is treating them alike.
 *
 * <p>Where the security comes from is the {@link org.sealpost.config.DnsMode}:
 *
 * <ul>
 *   <li>{@code validate}: dnsjava's {@code ValidatingResolver} checks signatures in process from a
 *       trust anchor file (by default the IANA root anchor shipped as {@code root-anchors.txt}).
 *   <li>{@code trust-ad}: the AD bit of a validating resolver is believed, only over loopback
 *       (RFC 7672 §2.1.1) unless the operator overrides it.
 *   <li>{@code off}: every answer is insecure.
 * </ul>
 *
 * {@link org.sealpost.dns.ResolverFactory#start} probes the resolver at start-up and runs as
 * {@code off}, with an error naming the fix, when validation does not really happen.
 *
 * <p>Queries go over UDP with EDNS0 (payload 1232, DO bit when DNSSEC matters), fall back to TCP on
 * truncation, and every answer is checked against its query: a wrong ID, a wrong question, an
 * oversized datagram or an unparsable message (compression loops included) is dropped and counted
 * against that server. Answers are cached by TTL, negative answers by their SOA (RFC 2308); time
 * comes from an injected clock. {@link org.sealpost.dns.MxResolver} turns a mail domain into the
 * ordered next hops of RFC 5321 §5.1, with the security of the whole chain.
 */
@NullMarked
package org.sealpost.dns;

import org.jspecify.annotations.NullMarked;
