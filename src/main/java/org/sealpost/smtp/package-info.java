/**
 * The SMTP wire format, both directions, as pure code with no session logic: what bytes mean, never
 * what to do about them. The inbound server and the outbound client build on it.
 *
 * <h2>Reading from a client</h2>
 *
 * {@link org.sealpost.smtp.SmtpInput} owns the read buffer of one connection (one instance per
 * plaintext or TLS stream: after STARTTLS create a new one over the TLS socket). It reads command
 * lines ({@link org.sealpost.smtp.SmtpInput#readCommandLine}: only CRLF ends a line, SMTP-1; bare CR,
 * bare LF and other control characters are reported, SEC-8), DATA content
 * ({@link org.sealpost.smtp.SmtpInput#readData}: only CRLF.CRLF ends data, dot-unstuffed, bare line
 * endings reported, SMTP-2, SEC-5) and BDAT chunks ({@link org.sealpost.smtp.SmtpInput#readChunk}).
 * Every outcome is a value ({@link org.sealpost.smtp.CommandRead}, {@link
 * org.sealpost.smtp.DataResult}) that says which reply the caller should send; exceptions mean I/O
 * failure only.
 *
 * <h2>Parsing commands</h2>
 *
 * {@link org.sealpost.smtp.Command#parse} splits the verb from its argument; {@link
 * org.sealpost.smtp.CommandParser} checks arguments of MAIL, RCPT, EHLO/HELO and BDAT (RFC 5321
 * §4.1.2, RFC 6531, RFC 3030) and returns {@link org.sealpost.smtp.Parsed}: either the value or the
 * exact {@link org.sealpost.smtp.Reply} to send. Relay tricks that are legal syntax (percent hack,
 * bang paths, quoted local parts holding {@code @}) are not rejected here: the local part is kept as
 * written in {@link org.sealpost.mail.MailAddress#localPart()} and {@link
 * org.sealpost.smtp.CommandParser#hasRoutingCharacters} tells the relay check about them (SEC-7).
 *
 * <h2>Writing</h2>
 *
 * {@link org.sealpost.smtp.Reply#toWire()} renders replies (multi-line form, RFC 2034 enhanced codes);
 * {@link org.sealpost.smtp.DotStuffingOutputStream} encodes a message body for DATA (SEC-6); {@link
 * org.sealpost.smtp.ReplyReader} parses a server's replies for the client in {@code smtp.client}.
 */
@NullMarked
package org.sealpost.smtp;

import org.jspecify.annotations.NullMarked;
