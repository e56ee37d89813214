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
 * <h2>Delivery state (not built yet)</h2>
 *
 * A queue file is immutable once committed. What delivery learns (per-recipient outcome, attempt
 * count, next attempt time) belongs in a small separate record, {@code spool/status/QUEUEID},
 * replaced atomically with the same write-temp, fsync, rename, fsync-directory steps. A state
 * change is a {@link org.sealpost.queue.Spool#move} of the queue file; the status record does not
 * move. Recovery rules for it: a record without a queue file is deleted; a queue file without a
 * record has every recipient pending. A crash between a delivery and its record means a recipient
 * may be delivered twice, never zero times.
 */
@NullMarked
package org.sealpost.queue;

import org.jspecify.annotations.NullMarked;
