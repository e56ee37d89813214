/**
 * Integration tests over real sockets and real TLS: Sealpost started in process by {@link
 * org.sealpost.it.SealpostInstance} (or as a child JVM, for the crash test), driven by our own
 * {@code SmtpClient} on 127.0.0.0/8. The in-process dialogue tests in {@code inbound} prove the
 * protocol logic; these prove the same behaviours survive the trip through TCP, JSSE, the listener,
 * the session watchdog and the spool on disk (issue part 1, section 5).
 *
 * <p>Named {@code *IT}, they run under failsafe in {@code mvn verify}.
 */
@NullMarked
package org.sealpost.it;

import org.jspecify.annotations.NullMarked;
