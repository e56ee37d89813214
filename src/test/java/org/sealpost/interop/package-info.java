/**
 * Interop tests: real programs from Debian talk to a Sealpost started in process, all on loopback.
 *
 * <p>Each {@code *InteropIT} class is one peer and one scenario family: swaks (plain SMTP,
 * STARTTLS with AUTH PLAIN/LOGIN, implicit TLS), Python's {@code smtplib} (REQUIRETLS and
 * {@code TLS-Required: No}, RFC 8689), {@code openssl s_client} (certificate verification and a raw
 * REQUIRETLS session), Postfix 3.7 relaying over verified STARTTLS, and Postfix 3.7 receiving from
 * Sealpost (verified STARTTLS; a REQUIRETLS message never reaches it). They run under failsafe in
 * {@code mvn verify}, are tagged {@code interop}, and skip (JUnit assumptions) when their program
 * is not installed; {@code .ci/run} installs all of them.
 *
 * <p>{@link org.sealpost.interop.InteropSealpost} starts the server (TOML config through the real
 * loader, certificates from {@code TestPki}); {@link org.sealpost.interop.InteropPeers} finds
 * programs in the Debian system directories and runs them with deadlines;
 * {@link org.sealpost.interop.PrivatePostfix} runs a throw-away Postfix instance. Peer configs and
 * scripts live beside them under {@code src/test/resources/interop/}.
 *
 * <p>Loopback addresses, one per class so parallel runs never collide and 127.0.0.1:25 is never
 * used: swaks 127.0.0.61, smtplib 127.0.0.62, openssl 127.0.0.63 and .64, Postfix's Sealpost
 * 127.0.0.65 and .66, Postfix itself 127.0.0.67; PostfixReceiverInteropIT: Sealpost 127.0.0.72,
 * Postfix 127.0.0.73.
 */
@NullMarked
package org.sealpost.interop;

import org.jspecify.annotations.NullMarked;
