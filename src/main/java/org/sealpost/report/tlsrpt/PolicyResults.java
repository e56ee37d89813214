package org.sealpost.report.tlsrpt;

import java.util.List;

/**
 * One {@code policies[]} element of a report (RFC 8460 §4.4): the policy, its summary counts and
 * the failure details, the details in {@link FailureDetail#ORDER}.
 */
record PolicyResults(ReportedPolicy policy, long successfulSessions, long failedSessions, List<FailureDetail> failures) {

  PolicyResults {
    failures = List.copyOf(failures);
  }
}
