/**
 * SMTP TLS Reporting (RFC 8460): what our outbound TLS sessions met, told daily to the domains that
 * ask for it.
 *
 * <h2>Collecting</h2>
 *
 * Delivery emits a {@link org.sealpost.delivery.TlsSessionResult} per session (success, or a result
 * type of RFC 8460 §4.3, with the policy that applied) to a
 * {@link org.sealpost.delivery.TlsSessionListener}; the {@link org.sealpost.report.tlsrpt.ResultStore}
 * appends each as one JSON line to a file per UTC day, fsync'd once a second (a machine crash may
 * lose the last second). Nothing is parsed from logs, and nothing lives only in memory: a day is
 * counted by reading its file back ({@link org.sealpost.report.tlsrpt.DayResults}), per policy
 * domain and per policy (type, strings, MX host), with failures grouped by result type, sending
 * address, receiving MX name, HELO and address.
 *
 * <h2>Reporting</h2>
 *
 * The {@link org.sealpost.report.tlsrpt.ReportScheduler} waits for the day to end plus a random
 * delay up to {@code max_delay} (RPT-5), then, for each domain with results and exactly one valid
 * {@code v=TLSRPTv1} record at {@code _smtp._tls.<domain>} (RPT-1), builds the JSON report
 * ({@link org.sealpost.report.tlsrpt.ReportBuilder}, RPT-2, RPT-4), gzips it under its RFC 8460
 * §5.1 file name (RPT-6) and hands it to the {@link org.sealpost.report.tlsrpt.ReportSender}:
 * {@code mailto:} as a {@code multipart/report; report-type="tlsrpt"} message queued as
 * {@code TLS-Required: No} (RPT-7), {@code https:} as a POST (RPT-8), retried for 24 hours with a
 * doubling wait (RPT-9), state on disk so a restart continues.
 *
 * <h2>Never a report about a report</h2>
 *
 * Report mail enters the queue with the listener name
 * {@value org.sealpost.delivery.TlsSessionListener#REPORT_LISTENER};
 * {@link org.sealpost.delivery.TlsSessionListener#reportable} tells delivery not to emit session
 * results for such messages.
 *
 * <h2>Not done</h2>
 *
 * RFC 8460 §5.3 requires report mail to carry a DKIM signature; Sealpost has no DKIM signer, so
 * report mail goes unsigned.
 *
 * <p>Files under {@code store_dir}: {@code results/<day>.jsonl}, {@code reports/<file>.json.gz},
 * {@code outbox/<name>.pending}, {@code reported-day}.
 */
@NullMarked
package org.sealpost.report.tlsrpt;

import org.jspecify.annotations.NullMarked;
