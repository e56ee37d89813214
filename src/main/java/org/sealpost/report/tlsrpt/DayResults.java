package org.sealpost.report.tlsrpt;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.mail.Domain;
import org.sealpost.policy.TlsResultType;

/**
 * One UTC day of session results, counted the way RFC 8460 §4.4 reports them: per policy domain,
 * per applied policy, successes and failures, failures grouped into {@link FailureDetail}s.
 *
 * @param byDomain policy domain (in name order) to its policies (in {@link ReportedPolicy#ORDER})
 */
public record DayResults(LocalDate day, SortedMap<Domain, List<PolicyResults>> byDomain) {

  public DayResults {
    byDomain = new TreeMap<>(byDomain);
  }

  /** The policy domains that had at least one session that day. */
  public List<Domain> domains() {
    return List.copyOf(byDomain.keySet());
  }

  List<PolicyResults> policies(Domain domain) {
    return byDomain.getOrDefault(domain, List.of());
  }

  static DayResults of(LocalDate day, List<TlsSessionResult> results) {
    Map<ReportedPolicy, Tally> tallies = new LinkedHashMap<>();
    for (TlsSessionResult r : results) {
      tallies.computeIfAbsent(ReportedPolicy.of(r), p -> new Tally()).add(r);
    }
    SortedMap<Domain, List<PolicyResults>> byDomain = new TreeMap<>(Comparator.comparing(Domain::name));
    tallies.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(ReportedPolicy.ORDER))
        .forEach(e -> byDomain.computeIfAbsent(e.getKey().domain(), d -> new ArrayList<>())
            .add(e.getValue().results(e.getKey())));
    return new DayResults(day, byDomain);
  }

  /** Counts for one policy while reading. */
  private static final class Tally {
    private long successes;
    private long failures;
    private final Map<FailureDetail.Key, Long> counts = new HashMap<>();
    private final Map<FailureDetail.Key, @Nullable String> information = new HashMap<>();

    void add(TlsSessionResult r) {
      TlsResultType failure = r.failure();
      if (failure == null) {
        successes++;
        return;
      }
      failures++;
      FailureDetail.Key key = FailureDetail.Key.of(r, failure);
      counts.merge(key, 1L, Long::sum);
      if (information.get(key) == null) {
        information.put(key, r.additionalInformation());
      }
    }

    PolicyResults results(ReportedPolicy policy) {
      List<FailureDetail> details = new ArrayList<>();
      counts.forEach((k, n) -> details.add(new FailureDetail(k.resultType(), k.sendingMtaIp(),
          k.receivingMxHostname(), k.receivingMxHelo(), k.receivingIp(), n, information.get(k))));
      details.sort(FailureDetail.ORDER);
      return new PolicyResults(policy, successes, failures, details);
    }
  }
}
