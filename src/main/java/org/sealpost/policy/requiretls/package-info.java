/**
 * REQUIRETLS (RFC 8689) on receipt: reads the {@code REQUIRETLS} MAIL parameter (§2) and the
 * {@code TLS-Required} header field (§3), and tags the message (§4.1). The opt-in draft-03 syntax
 * ({@code REQUIRETLS=NO|CHAIN|DANE|DNSSEC}, spec DRAFT-9) is decided here too. Pure logic.
 */
@NullMarked
package org.sealpost.policy.requiretls;

import org.jspecify.annotations.NullMarked;
