/**
 * 8-bit to 7-bit MIME conversion for a next hop without 8BITMIME (RFC 6152 §3, RFC 1652; EXT-2).
 *
 * <p>An 8BITMIME message may not go raw to a server that did not offer the extension: the client
 * converts it to 7-bit MIME or returns it as undeliverable ({@code 5.6.3}). {@link
 * org.sealpost.delivery.mime.SevenBitConversion} converts, walking the MIME tree:
 *
 * <ul>
 *   <li>a leaf part holding 8-bit octets gets {@code Content-Transfer-Encoding: quoted-printable}
 *       when it is {@code text/*} (readable, line structure kept) and {@code base64} otherwise
 *       (RFC 2045 §6.7, §6.8); output lines are at most 76 octets, CRLF only (SEC-6);
 *   <li>multiparts are walked by boundary (RFC 2046 §5.1.1), their delimiters, preamble and
 *       epilogue copied byte for byte, and a {@code 8bit} label on them becomes {@code 7bit};
 *   <li>{@code message/rfc822} parts are converted recursively (RFC 2046 §5.2.1 forbids encoding
 *       them as a whole);
 *   <li>parts without 8-bit octets are copied unchanged, byte for byte.
 * </ul>
 *
 * <p>It refuses ({@code 5.6.3}) rather than guess: raw 8-bit in a header field (that needs
 * SMTPUTF8, RFC 6532), 8-bit in a preamble or epilogue, in a part labelled {@code base64} or
 * {@code quoted-printable}, in other {@code message/*} types, in a message without MIME-Version,
 * deeper than {@value org.sealpost.delivery.mime.EntityConverter#MAX_DEPTH} levels, or larger than
 * {@value org.sealpost.delivery.mime.SevenBitConversion#MAX_SIZE} octets (the conversion works on
 * a byte array in memory, so it is capped).
 *
 * <p><b>Signatures (project decision).</b> Converting rewrites bodies and a
 * {@code Content-Transfer-Encoding} field, which breaks a DKIM or ARC body hash (RFC 6376 §3.7)
 * and any S/MIME or OpenPGP {@code multipart/signed} content (RFC 1847 §2.1). A message that
 * would be altered while it carries {@code DKIM-Signature} or {@code ARC-Message-Signature}, or
 * whose 8-bit octets sit inside {@code multipart/signed}, is refused with {@code 5.6.3} instead: a
 * bounce the sender can act on beats a delivered message that fails verification (and, for DMARC
 * senders, is then rejected or quarantined further on). REQUIRETLS alone does not stop
 * conversion: RFC 8689 protects the transport, not the encoding.
 */
@NullMarked
package org.sealpost.delivery.mime;

import org.jspecify.annotations.NullMarked;
