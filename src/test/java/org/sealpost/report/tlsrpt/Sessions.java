package org.sealpost.report.tlsrpt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.delivery.TlsSessionResult.PolicyType;
import org.sealpost.mail.Domain;
import org.sealpost.policy.TlsResultType;

/** Session results for tests, and the mixed day the golden report is built from. */
final class Sessions {

  static final LocalDate DAY = LocalDate.of(2026, 11, 28);
  static final Domain STS_DOMAIN = Domain.of("company-y.example");
  static final Domain DANE_DOMAIN = Domain.of("dane.example");
  static final List<String> STS_POLICY =
      List.of("version: STSv1", "mode: testing", "mx: *.mail.company-y.example", "max_age: 86400");

  private Sessions() {}

  static Instant at(int hour, int minute) {
    return DAY.atTime(hour, minute).toInstant(ZoneOffset.UTC);
  }

  static TlsSessionResult stsOk(Instant at, String mx, String ip) {
    return new TlsSessionResult(at, STS_DOMAIN, PolicyType.STS, STS_POLICY, "*.mail.company-y.example",
        "192.0.2.10", mx, null, ip, null, null);
  }

  static TlsSessionResult stsFailed(Instant at, TlsResultType type, String mx, @Nullable String helo, String ip,
      @Nullable String info) {
    return new TlsSessionResult(at, STS_DOMAIN, PolicyType.STS, STS_POLICY, "*.mail.company-y.example",
        "192.0.2.10", mx, helo, ip, type, info);
  }

  static TlsSessionResult noPolicy(Instant at, Domain domain, @Nullable TlsResultType failure) {
    return new TlsSessionResult(at, domain, PolicyType.NO_POLICY_FOUND, List.of(), null, "192.0.2.10",
        "mx." + domain.name(), null, "198.51.100.7", failure, null);
  }

  static TlsSessionResult dane(Instant at, String tlsa, @Nullable TlsResultType failure) {
    return new TlsSessionResult(at, DANE_DOMAIN, PolicyType.TLSA, List.of(tlsa), "mx.dane.example", "2001:db8::10",
        "mx.dane.example", "mx.dane.example", "2001:db8::25", failure, null);
  }

  /**
   * A day with every shape a report has: for company-y.example, an STS policy with successes and
   * three kinds of failure, one of them twice from the same MX (grouped), the same result type
   * from two MX hosts (two groups), and a policy-less session; for dane.example two TLSA policies
   * (a key rollover mid-day), so two policy entries.
   */
  static List<TlsSessionResult> mixedDay() {
    List<TlsSessionResult> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(stsOk(at(1, i), "mx1.mail.company-y.example", "203.0.113.1"));
    }
    out.add(stsOk(at(2, 0), "mx2.mail.company-y.example", "203.0.113.2"));
    out.add(stsFailed(at(3, 0), TlsResultType.CERTIFICATE_EXPIRED, "mx2.mail.company-y.example",
        "mx2-helo.mail.company-y.example", "203.0.113.2", "certificate expired 2026-11-01T00:00:00Z"));
    out.add(stsFailed(at(4, 0), TlsResultType.CERTIFICATE_EXPIRED, "mx2.mail.company-y.example",
        "mx2-helo.mail.company-y.example", "203.0.113.2", "later text is not kept"));
    out.add(stsFailed(at(5, 0), TlsResultType.STARTTLS_NOT_SUPPORTED, "mx3.mail.company-y.example", null,
        "203.0.113.3", null));
    out.add(stsFailed(at(6, 0), TlsResultType.STARTTLS_NOT_SUPPORTED, "mx1.mail.company-y.example", null,
        "203.0.113.1", null));
    out.add(stsFailed(at(7, 0), TlsResultType.VALIDATION_FAILURE, "mx9.elsewhere.example", null,
        "203.0.113.9", "mx9.elsewhere.example does not match the policy"));
    out.add(dane(at(8, 0), "3 1 1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null));
    out.add(dane(at(9, 0), "3 1 1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        TlsResultType.TLSA_INVALID));
    out.add(dane(at(20, 0), "3 1 1 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null));
    out.add(noPolicy(at(23, 59), STS_DOMAIN, null));
    return out;
  }
}
