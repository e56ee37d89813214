/**
 * Interop tests: real programs from Debian talk to a Sealpost started in process, all on loopback.
 *
 * <p>Each {@code *InteropIT} class is one peer and one scenario family: swaks (plain SMTP,
 * STARTTLS with AUTH PLAIN/LOGIN, implicit TLS), Python's {@code smtplib} (REQUIRETLS and
 * {@code TLS-Required: No}, RFC 8689), {@code openssl s_client} (certificate verification and a raw
 * REQUIRETLS session), Postfix 3.7 relaying over verified STARTTLS, Postfix 3.7 and Exim 4.96
 * receiving from Sealpost (verified STARTTLS; a REQUIRETLS message never reaches them and bounces
 * 5.7.30), Postfix → Sealpost → Postfix relaying with both legs verified, and Postfix 3.7 as a
 * DANE sender (RFC 7672) against knot + Unbound serving a signed zone, whose verdicts Sealpost's
 * own {@code policy.dane} must match case by case. They run under
 * failsafe in {@code mvn verify}, are tagged {@code interop}, and skip (JUnit assumptions) when
 * their program is not installed; {@code .ci/run} installs all of them (Exim it unpacks, since it
 * conflicts with Postfix as a package).
 *
 * <p>{@link org.sealpost.interop.InteropSealpost} starts the server (TOML config through the real
 * loader, certificates from {@code TestPki}); {@link org.sealpost.interop.InteropPeers} finds
 * programs in the Debian system directories and runs them with deadlines;
 * {@link org.sealpost.interop.PrivatePostfix} and {@link org.sealpost.interop.PrivateExim} run
 * throw-away Postfix and Exim instances; {@link org.sealpost.interop.DeliveringSealpost} is a
 * Sealpost that reaches a peer as its DNSSEC-validated MX, and {@link
 * org.sealpost.interop.LogTail} and {@link org.sealpost.interop.Maildirs} read what peers log and
 * store; {@link org.sealpost.interop.SignedTestZone} serves a DNSSEC-signed zone through knot and
 * a validating Unbound on port 53 (which libc-based Postfix needs, so it runs in a mount namespace
 * with its own resolv.conf: {@link org.sealpost.interop.PrivateResolvConf}), and {@link
 * org.sealpost.interop.DaneCase} / {@link org.sealpost.interop.DaneOutcome} hold the DANE cases and
 * read both sides' verdicts. Peer configs and scripts live beside them under {@code src/test/resources/interop/}.
 *
 * <p>Loopback addresses, one per class so parallel runs never collide and 127.0.0.1:25 is never
 * used: swaks 127.0.0.61, smtplib 127.0.0.62, openssl 127.0.0.63 and .64, Postfix's Sealpost
 * 127.0.0.65 and .66, Postfix itself 127.0.0.67; PostfixReceiverInteropIT: Sealpost 127.0.0.72,
 * Postfix 127.0.0.73; EximReceiverInteropIT: Sealpost 127.0.0.74, Exim 127.0.0.75;
 * PostfixThroughSealpostInteropIT: first Postfix 127.0.0.84, Sealpost 127.0.0.85, final Postfix
 * 127.0.0.86; PostfixDaneInteropIT: knot and Unbound 127.0.0.160 (Unbound on port 53), Sealpost
 * 127.0.0.161, Postfix 127.0.0.162. Sealpost's outgoing connections come from 127.0.0.1 unless
 * {@code [delivery] source_address} binds them.
 */
@NullMarked
package org.sealpost.interop;

import org.jspecify.annotations.NullMarked;
