/**
 * Local delivery: stores messages for mailboxes on this host in Maildir folders, which IMAP servers
 * such as Dovecot read directly.
 *
 * <p>Maildir (D. J. Bernstein's convention, as Dovecot and qmail use it) needs no locking: a
 * message is written under a name no other delivery can choose into {@code tmp/}, flushed to disk,
 * then renamed into {@code new/}, where readers see it complete or not at all. The unique name is
 * {@code <seconds>.M<microseconds>P<pid>Q<counter>.<host>}. {@link
 * org.sealpost.delivery.local.MaildirDelivery} fsyncs the file before the rename and {@code new/}
 * after it, so a {@code Delivered} outcome means the message is on stable storage: the queue may
 * then forget it (architecture decision 4).
 *
 * <p>At final delivery the MTA adds {@code Return-Path} (RFC 5321 §4.4, SMTP-8; {@code <>} for the
 * null sender) and, as Postfix and qmail do, {@code Delivered-To} naming the recipient. The content
 * is otherwise stored as queued, with CRLF line ends (Dovecot reads both CRLF and LF).
 *
 * <p>Mailbox names come from the configuration and are trusted, but a name that would leave the
 * Maildir root ({@code /}, {@code ..}) is refused with a permanent failure, not followed.
 * Storage errors (disk full, a file where a folder should be, permissions) are temporary: the
 * queue retries, and the operator sees a WARN line naming the path.
 */
@NullMarked
package org.sealpost.delivery.local;

import org.jspecify.annotations.NullMarked;
