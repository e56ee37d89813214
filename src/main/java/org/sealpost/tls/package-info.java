/**
 * Server-side TLS: the certificate and key from PEM files (or a self-signed pair made on first
 * start), served through a key manager that picks up renewed files without a restart, and the
 * sockets the listeners use: STARTTLS over an accepted connection (RFC 3207) and implicit TLS for
 * submissions on port 465 (RFC 8314). Handshakes are bounded in time (spec SEC-9), and a session's
 * protocol and cipher suite come back as {@link org.sealpost.mail.TlsFacts} for trace fields.
 * JDK only: the small DER encoder here exists because the JDK parses certificates but cannot
 * write them.
 */
@NullMarked
package org.sealpost.tls;

import org.jspecify.annotations.NullMarked;
