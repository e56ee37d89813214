package org.sealpost.delivery.remote;

import java.time.Instant;
import org.sealpost.delivery.Hop;
import org.sealpost.policy.HopFacts;
import org.sealpost.smtp.client.Extensions;
import org.sealpost.smtp.client.SmtpClient;

/**
 * An open SMTP session between transactions, waiting in the {@link SessionCache}. It keeps what
 * the session was judged on, so that a later message under the same requirement can be judged
 * again without a new handshake (the facts of a session do not change while it is open).
 *
 * @param client the connection, after a finished transaction
 * @param ext the extensions of the last EHLO (inside TLS when TLS is up, TLS-6)
 * @param facts what the hop was judged on
 * @param hop the hop as the delivery line and DSNs name it
 * @param transactions transactions this session has carried so far
 * @param parkedAt when it was parked, for the idle limit
 */
record ParkedSession(
    SmtpClient client, Extensions ext, HopFacts facts, Hop hop, int transactions, Instant parkedAt) {}
