/**
 * The durable spool: the only place a message's queue state changes (architecture decision 4).
 *
 * <h2>Acceptance</h2>
 *
 * The SMTP server answers {@code 250} to end-of-data only after {@link
 * org.sealpost.queue.Intake.Draft#commit} returns (RFC 5321 §6.1, SMTP-7). A draft is a file in
 * {@code incoming/}; the server streams the content into it while it arrives, then commits the
 * envelope, which is only complete after the content (its TLS requirement depends on the
 * {@code TLS-Required} header, RFC 8689 §4.1). Commit appends envelope and trailer, fsyncs the
 * file, links it into {@code active/} under its queue id and fsyncs the directory. A crash before
 * the link leaves only a draft, which the next {@link org.sealpost.queue.Spool#open} deletes; after
 * the directory fsync the message survives. An {@link java.io.IOException} means {@code 451 4.3.0}
 * and nothing kept.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * spool/lock          held (flock) by the process that owns the spool
 * spool/incoming/     drafts: QUEUEID.N.tmp, never listed, deleted on open
 * spool/active/       committed messages, one file per message, named by queue id
 * spool/deferred/     waiting for a retry
 * spool/hold/         held by an operator
 * spool/status/       delivery status records, QUEUEID (and QUEUEID.tmp while one is replaced)
 * spool/corrupt/      files that failed validation, moved aside with a WARN log line
 * </pre>
 *
 * A queue file is {@code content | envelope | 32-byte trailer} (see {@code QueueFileTrailer} and
 * {@code EnvelopeCodec}, format version 1): one file, written once front to back, one file fsync
 * and one (shared) directory fsync per message. The content is stored exactly as it is to be
 * delivered and is streamed back by {@link org.sealpost.queue.QueueEntry#openContent()}, which
 * checks its CRC-32C at the end. Every enum is stored by its explicit code, never its ordinal.
 *
 * <h2>Group commit</h2>
 *
 * Concurrent commits share directory fsyncs ({@code DirectorySync}): one fsync of
 * {@code active/} covers every link made before it started, and no commit returns before an fsync
 * that covers its own link. File fsyncs stay one per message. Measured with the test-scope
 * {@code SpoolThroughput} harness on ext4: grouping cuts directory fsyncs to about 0.3 per commit
 * at 16 and 64 committers, but commits per second did not rise beyond the noise of a shared
 * machine, because ext4's journal already merges concurrent fsyncs into one commit. It is kept for
 * its fewer syscalls and for file systems that do not merge.
 *
 * <h2>Delivery state</h2>
 *
 * A queue file is immutable once committed. What delivery learns (per-recipient state and last
 * outcome, attempt count, first and last attempt, delay notice sent, outcome reported, the next
 * attempt time) lives in a small separate record, {@code spool/status/QUEUEID} ({@code
 * StatusCodec}, format version 2, CRC-32C, explicit codes), replaced atomically by {@code
 * StatusStore}: write temp, fsync, rename, fsync directory. A state change is a {@link
 * org.sealpost.queue.Spool#move} of the queue file; the status record does not move. Recovery rules:
 * a record without a queue file is deleted at open (a message is removed queue file first); a queue
 * file without a (readable) record has every recipient pending. A crash between a delivery and its
 * record means a recipient may be delivered twice, never zero times. Two writes are skipped on
 * purpose, for the same reason: a message delivered to every recipient with no NOTIFY=SUCCESS is
 * removed without recording that first, and the removal itself is not fsynced; a crash that
 * undoes either delivers the message again (as Postfix, which fsyncs neither).
 *
 * <h2>Delivery</h2>
 *
 * {@link org.sealpost.queue.QueueRunner} schedules every message by its next attempt time: new
 * commits at once (through a commit listener on {@link org.sealpost.queue.Intake}), {@code active/}
 * at start-up at once (including messages a crash left mid-attempt), {@code deferred/} at the time
 * in their record; {@code hold/} never. A due message gets one {@code DeliveryPass}: pending
 * recipients are routed, grouped by destination (one transaction per domain) and attempted in
 * parallel on virtual threads within global and per-destination limits; each group's outcomes are
 * saved before {@link org.sealpost.queue.DeliveryReports} hears of them, and a report that fails is
 * kept and retried. {@link org.sealpost.queue.RetrySchedule} decides the next attempt, the delay
 * notice and the expiry ({@code 5.4.7}; null-sender messages expire sooner and are dropped, since a
 * bounce is never bounced, RFC 5321 §4.5.5). Each recipient's attempt is one log line:
 *
 * <pre>
 * QUEUEID: to=&lt;r&gt; relay=host[ip]:port tls=dane requiretls=yes status=sent (250 2.0.0 Ok)
 * </pre>
 */
@NullMarked
package org.sealpost.queue;

import org.jspecify.annotations.NullMarked;
