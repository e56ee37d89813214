package org.sealpost.report.tlsrpt;

import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.delivery.TlsSessionResult.PolicyType;
import org.sealpost.mail.Domain;

/**
 * The {@code policy} object of a report (RFC 8460 §4.4): what results are counted under. Two
 * sessions count together when type, strings, domain and MX host are all equal.
 */
record ReportedPolicy(PolicyType type, List<String> strings, Domain domain, @Nullable String mxHost) {

  /** Report order: by type, then MX host, then strings; stable so a report is reproducible. */
  static final Comparator<ReportedPolicy> ORDER =
      Comparator.comparing((ReportedPolicy p) -> p.type().code())
          .thenComparing(p -> p.mxHost() == null ? "" : p.mxHost())
          .thenComparing(p -> String.join("\n", p.strings()));

  ReportedPolicy {
    strings = List.copyOf(strings);
  }

  static ReportedPolicy of(TlsSessionResult r) {
    return new ReportedPolicy(r.policyType(), r.policyStrings(), r.policyDomain(), r.mxHost());
  }
}
