/**
 * The receiving side of Sealpost: listeners for relay (port 25 style), submission with STARTTLS
 * (RFC 6409) and submission over implicit TLS (RFC 8314); one virtual thread per session.
 *
 * <p>{@link org.sealpost.inbound.Session} reads commands and dispatches each verb to its own class
 * ({@code Hello}, {@code MailFrom}, {@code RcptTo}, {@code Data}, {@code Bdat}, {@code StartTls},
 * {@code Auth}, {@code Basics}). {@code MessageAcceptance} takes the content into the spool,
 * tags it with its TLS requirement (RFC 8689 §4.1, through {@code policy.requiretls}) and answers 250
 * only after the spool committed it to stable storage.
 */
@NullMarked
package org.sealpost.inbound;

import org.jspecify.annotations.NullMarked;
