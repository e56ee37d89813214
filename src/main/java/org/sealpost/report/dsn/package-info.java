/**
 * Delivery status notifications (RFC 3461, RFC 3464, RFC 6522; RFC 6533 for SMTPUTF8; RFC 8689 §5
 * for REQUIRETLS messages).
 *
 * <h2>When a DSN goes out</h2>
 *
 * The queue runner tells the {@link org.sealpost.report.dsn.Bouncer} (its {@code DeliveryReports})
 * which recipients finished (delivered or failed) and which are still delayed past the notice
 * threshold. Per recipient, NOTIFY decides (DSN-1): SUCCESS, FAILURE, DELAY as asked; NEVER
 * nothing; no NOTIFY means FAILURE and DELAY (our reading of RFC 3461 §4.1's "FAILURE or
 * FAILURE,DELAY"). One call yields at most one DSN, about all its reportable recipients. A DSN is
 * never sent to the null reverse path (DSN-5, SMTP-6): such failures go to the postmaster when
 * {@link org.sealpost.report.dsn.DoubleBounce.ToPostmaster} is configured, else they are logged.
 * Idempotence across calls is the queue runner's job; a repeated call makes another DSN.
 *
 * <p>Success (DSN-3, DSN-4): a recipient stored here is "delivered"; one accepted by a hop that
 * offered DSN got NOTIFY passed on, so that hop reports and we send nothing ({@code
 * Hop.dsnPassedOn}, kept in the queue's status record); one accepted by a hop without DSN is
 * reported "relayed".
 *
 * <p>Backscatter (SEC-10): {@link org.sealpost.report.dsn.DsnRateLimit} caps DSNs to senders that
 * did not authenticate (per address per hour, and all together per minute; {@code [dsn]} in the
 * config); a suppressed DSN is logged with the queue id. Authenticated (locally submitted) senders
 * and the postmaster are never capped: their address is proven, so no report to them is
 * backscatter, and losing one would hide a failure from our own user.
 *
 * <h2>What it contains</h2>
 *
 * {@link org.sealpost.report.dsn.DsnComposer} writes {@code multipart/report;
 * report-type=delivery-status} with (1) a text part saying per recipient what happened and why,
 * (2) {@code message/delivery-status} (DSN-9 fields), and (3) the original:
 * {@code message/rfc822} for {@code RET=FULL} on a failure, else {@code text/rfc822-headers}.
 * <b>Project default:</b> when RET is not given, only the header section is returned, whatever the
 * message size (SEC-10 allows headers-only for large messages; we apply it to all, so a bounce
 * never carries a body the sender did not ask back). {@code RET=FULL} is honoured up to
 * {@code [dsn] max_full_return_size}; a larger message is returned as its header section. For SMTPUTF8 messages the global types of
 * RFC 6533 are used and UTF-8 addresses get the {@code utf-8} address type.
 *
 * <h2>REQUIRETLS (RFC 8689 §5)</h2>
 *
 * A DSN about a REQUIRETLS message returns headers only, even with {@code RET=FULL} (RT-36), and
 * is queued tagged REQUIRETLS (RT-35, RT-39 for delay and success reports), so it travels back
 * only over verified TLS. The RFC's "unless redacted" is our RT-38(a):
 *
 * <ol>
 *   <li>The Bouncer queues the DSN: {@code MAIL FROM:<>}, tag REQUIRE_TLS, listener
 *       {@value org.sealpost.report.dsn.Bouncer#LISTENER}.
 *   <li>Remote delivery (package {@code delivery.remote}) first looks for a route that meets
 *       RT-21..RT-23, as for any REQUIRETLS message, and sends with REQUIRETLS when it finds one.
 *   <li>When no compliant route exists and {@link org.sealpost.report.dsn.DsnRedactor#applies}
 *       is true for the queued envelope, it calls {@link
 *       org.sealpost.report.dsn.DsnRedactor#redact} and sends the result without REQUIRETLS:
 *       the text and delivery-status parts only, no header section of the original, the text
 *       saying it was redacted and why (SEC-13). The redactor logs the event.
 *   <li>Someone else's {@code MAIL FROM:<> REQUIRETLS} message is not ours to edit: it is
 *       relayed unchanged without the parameter (RT-38(b)).
 * </ol>
 *
 * {@link org.sealpost.report.dsn.DsnComposer#composeRedacted} writes the same redacted form from
 * a report directly.
 *
 * <h2>Safety</h2>
 *
 * Header values are fixed strings, validated addresses, or text passed through {@code MimeText}:
 * control characters cannot split a field (SEC-8), non-ASCII is kept only where RFC 6532 allows it,
 * lines end in CRLF and stay under 998 octets, and the MIME boundary is random and checked to occur
 * in no part. The DSN carries {@code Auto-Submitted: auto-replied} (RFC 3834).
 */
@NullMarked
package org.sealpost.report.dsn;

import org.jspecify.annotations.NullMarked;
