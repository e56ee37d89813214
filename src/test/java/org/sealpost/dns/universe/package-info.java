/**
 * The DNS test universe: an in-process authoritative DNS server on a loopback address (UDP and TCP)
 * serving zones built in test code, really signed with DNSSEC (ECDSA P-256 keys generated per run,
 * NSEC chains, RRSIGs by dnsjava), for every test that needs DNS answers of known security: the
 * resolver's own tests, outbound delivery, DANE and MTA-STS.
 *
 * <pre>{@code
 * try (DnsUniverse universe = DnsUniverse.start()) {            // 127.0.0.54, a free port
 *   universe.zone("dest.test").signed()                         // "test." is created, signed
 *       .mx(10, "mx1.dest.test")
 *       .a("mx1.dest.test", "127.0.0.21")
 *       .tlsa("_25._tcp.mx1.dest.test", 3, 1, 1, certificate);
 *   universe.zone("plain.test").mx(10, "mx.plain.test");        // unsigned: insecure delegation
 *   universe.zone("broken.test").badSignatures();               // bogus
 *   Resolver r = ResolverFactory.create(universe.config(DnsMode.VALIDATE, Duration.ofSeconds(1)),
 *       clock);
 * }
 * }</pre>
 *
 * <p>What exists:
 *
 * <ul>
 *   <li>A signed root zone "." whose DS is the trust anchor ({@link
 *       org.sealpost.dns.universe.DnsUniverse#trustAnchor()}, {@code trustAnchorFile()}), so any
 *       name can be used; missing ancestors of a new zone are created signed.
 *   <li>Zones are unsigned until {@code signed()}. Faults: {@code badSignatures()},
 *       {@code badSignature(name, type)}, {@code expiredSignatures()}, {@code wrongDs()} (all
 *       bogus); {@code missingDs()} (signed but insecure); {@code servfail()},
 *       {@code servfail(name, type)}; {@code unresponsive()}, {@code unresponsive(name, type)}
 *       (timeouts); {@code truncateUdp()} (TC over UDP, full answer over TCP).
 *   <li>{@code startValidatingResolver(ip)}: a validating recursive resolver in process (AD bit,
 *       SERVFAIL plus Extended DNS Error for bogus) for {@code trust-ad} mode.
 *   <li>{@link org.sealpost.dns.universe.ManualClock} for cache expiry and signature validity.
 * </ul>
 *
 * Like knot in the interop setup, the one server is authoritative for every zone: the deepest
 * zone answers, the parent answers DS, and CNAMEs are followed through every zone served. Signatures are
 * made around the universe clock's now, valid for 30 days.
 */
@NullMarked
package org.sealpost.dns.universe;

import org.jspecify.annotations.NullMarked;
