/**
 * The vocabulary of a message in transit: addresses, domains, the envelope, queue ids, enhanced
 * status codes (RFC 3463) and the TLS requirement a sender attached to a message (RFC 8689 §4.1).
 * Pure values; no I/O and no dependency on any other Sealpost package.
 */
@NullMarked
package org.sealpost.mail;

import org.jspecify.annotations.NullMarked;
