package org.sealpost.report.tlsrpt;

import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.policy.TlsResultType;

/**
 * One {@code failure-details} entry (RFC 8460 §4.4): failed sessions that share result type,
 * sending address, receiving MX name, HELO and address. The additional information is the first one
 * seen for the group: it explains the failure, it does not distinguish groups.
 */
record FailureDetail(
    TlsResultType resultType,
    String sendingMtaIp,
    String receivingMxHostname,
    @Nullable String receivingMxHelo,
    String receivingIp,
    long failedSessions,
    @Nullable String additionalInformation) {

  static final Comparator<FailureDetail> ORDER =
      Comparator.comparing((FailureDetail f) -> f.resultType().code())
          .thenComparing(FailureDetail::receivingMxHostname)
          .thenComparing(FailureDetail::receivingIp)
          .thenComparing(FailureDetail::sendingMtaIp)
          .thenComparing(f -> f.receivingMxHelo() == null ? "" : f.receivingMxHelo());

  /** What groups failures; the count and the information are not part of it. */
  record Key(
      TlsResultType resultType,
      String sendingMtaIp,
      String receivingMxHostname,
      @Nullable String receivingMxHelo,
      String receivingIp) {

    static Key of(TlsSessionResult r, TlsResultType type) {
      return new Key(type, r.sendingMtaIp(), r.receivingMxHostname(), r.receivingMxHelo(), r.receivingIp());
    }
  }
}
