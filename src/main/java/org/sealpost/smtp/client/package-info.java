/**
 * A typed, blocking SMTP and LMTP client (RFC 5321, RFC 2033) over a plain socket, with STARTTLS
 * (RFC 3207), AUTH PLAIN/LOGIN (RFC 4954), BDAT (RFC 3030) and pipelining (RFC 2920). Every reply
 * comes back as a {@link org.sealpost.smtp.Reply} value, so the caller decides what a 4yz or 5yz
 * means; I/O failures, malformed replies and TLS failures are exceptions.
 *
 * <p>{@link org.sealpost.smtp.client.SmtpClient} is meant for delivery and for tests that drive our
 * server: {@code send} and {@code sendRaw} put arbitrary lines or bytes on the wire. It enforces the
 * two client-side STARTTLS rules itself: bytes after the 220 reply abort the connection with {@link
 * org.sealpost.smtp.client.SmtpTlsException} (SEC-2, TLS-7), and the extension list is forgotten at
 * the handshake, so EHLO must be sent again (TLS-6).
 */
@NullMarked
package org.sealpost.smtp.client;

import org.jspecify.annotations.NullMarked;
