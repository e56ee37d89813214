/**
 * The acceptance load generator behind {@code bench/accept.sh}: drives SMTP sessions at a receiving
 * MTA on loopback with the project's own {@link org.sealpost.smtp.client.SmtpClient}, one virtual
 * thread per connection, and prints messages per second and the p50/p99 latency of a message (from
 * MAIL to the 250 after the end of data, RFC 5321 §4.1.1.4: the moment the server owns the
 * message). The same generator measures Sealpost and Postfix, so only the server differs.
 *
 * <p>{@link org.sealpost.bench.LoadGenerator} has two commands: {@code send} (N messages over C
 * concurrent connections, M per connection, optional STARTTLS and REQUIRETLS) and {@code idle}
 * (open C sessions, EHLO and optionally STARTTLS, and hold them, for a heap measurement). It refuses
 * any target outside 127.0.0.0/8 and ::1 ({@link org.sealpost.bench.LoopbackTarget}): a load
 * generator must never be pointed at someone else's server by a typo.
 *
 * <p>It lives in test sources because it is a tool for developers, not part of the MTA.
 */
@NullMarked
package org.sealpost.bench;

import org.jspecify.annotations.NullMarked;
