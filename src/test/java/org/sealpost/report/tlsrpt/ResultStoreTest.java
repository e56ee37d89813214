package org.sealpost.report.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.policy.TlsResultType;

@TestMethodOrder(MethodOrderer.Random.class)
class ResultStoreTest {

  @TempDir Path dir;

  @Test
  void resultsAreReadBackAfterARestart() throws Exception {
    try (ResultStore store = ResultStore.open(dir)) {
      Sessions.mixedDay().forEach(store::sessionEnded);
    }
    try (ResultStore again = ResultStore.open(dir)) {
      assertThat(again.results(Sessions.DAY)).containsExactlyElementsOf(Sessions.mixedDay());
      again.sessionEnded(Sessions.stsOk(Sessions.at(23, 0), "mx1.mail.company-y.example", "203.0.113.1"));
      assertThat(again.results(Sessions.DAY)).hasSize(Sessions.mixedDay().size() + 1);
    }
  }

  @Test
  void eachUtcDayHasItsOwnFile() throws Exception {
    try (ResultStore store = ResultStore.open(dir)) {
      store.sessionEnded(Sessions.stsOk(Sessions.at(23, 59), "mx1.mail.company-y.example", "203.0.113.1"));
      store.sessionEnded(Sessions.stsOk(Sessions.at(23, 59).plusSeconds(60), "mx1.mail.company-y.example", "203.0.113.1"));
      store.sessionEnded(Sessions.stsOk(Sessions.at(12, 0), "mx1.mail.company-y.example", "203.0.113.1"));
      assertThat(store.days()).containsExactly(Sessions.DAY, Sessions.DAY.plusDays(1));
      assertThat(store.results(Sessions.DAY)).hasSize(2);
      assertThat(store.results(Sessions.DAY.plusDays(1))).hasSize(1);
      assertThat(store.results(Sessions.DAY.minusDays(1))).isEmpty();
    }
    assertThat(dir.resolve("results/2026-11-28.jsonl")).exists();
  }

  @Test
  void aLineTornByACrashIsSkipped() throws Exception {
    try (ResultStore store = ResultStore.open(dir)) {
      store.sessionEnded(Sessions.stsOk(Sessions.at(1, 0), "mx1.mail.company-y.example", "203.0.113.1"));
    }
    String whole = ResultLine.encode(Sessions.stsOk(Sessions.at(2, 0), "mx1.mail.company-y.example", "203.0.113.1"));
    Files.writeString(dir.resolve("results/2026-11-28.jsonl"), whole.substring(0, whole.length() / 2),
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(ResultStore.readOnly(dir).results(Sessions.DAY)).hasSize(1);
  }

  @Test
  void readOnlyStoreSeesWhatTheRunningStoreWrote() throws Exception {
    try (ResultStore store = ResultStore.open(dir)) {
      store.sessionEnded(Sessions.stsOk(Sessions.at(1, 0), "mx1.mail.company-y.example", "203.0.113.1"));
      assertThat(ResultStore.readOnly(dir).results(Sessions.DAY)).hasSize(1);
    }
  }

  @Test
  void countsPerPolicyAndGroupsFailures() throws Exception {
    DayResults day = DayResults.of(Sessions.DAY, Sessions.mixedDay());
    assertThat(day.domains()).containsExactly(Sessions.STS_DOMAIN, Sessions.DANE_DOMAIN);
    List<PolicyResults> sts = day.policies(Sessions.STS_DOMAIN);
    // no-policy-found sorts before sts
    assertThat(sts).extracting(p -> p.policy().type().code()).containsExactly("no-policy-found", "sts");
    PolicyResults policy = sts.get(1);
    assertThat(policy.successfulSessions()).isEqualTo(6);
    assertThat(policy.failedSessions()).isEqualTo(5);
    assertThat(policy.failures()).extracting(FailureDetail::resultType, FailureDetail::receivingMxHostname,
            FailureDetail::failedSessions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TlsResultType.CERTIFICATE_EXPIRED, "mx2.mail.company-y.example", 2L),
            org.assertj.core.groups.Tuple.tuple(TlsResultType.STARTTLS_NOT_SUPPORTED, "mx1.mail.company-y.example", 1L),
            org.assertj.core.groups.Tuple.tuple(TlsResultType.STARTTLS_NOT_SUPPORTED, "mx3.mail.company-y.example", 1L),
            org.assertj.core.groups.Tuple.tuple(TlsResultType.VALIDATION_FAILURE, "mx9.elsewhere.example", 1L));
    assertThat(policy.failures().getFirst().additionalInformation())
        .isEqualTo("certificate expired 2026-11-01T00:00:00Z");
    assertThat(day.policies(Sessions.DANE_DOMAIN)).hasSize(2)
        .allSatisfy(p -> assertThat(p.policy().strings()).hasSize(1));
    long total = day.byDomain().values().stream().flatMap(List::stream)
        .mapToLong(p -> p.successfulSessions() + p.failedSessions()).sum();
    assertThat(total).isEqualTo(Sessions.mixedDay().size());
  }

  @Test
  void aSuccessDoesNotCreateAFailureDetail() {
    TlsSessionResult ok = Sessions.noPolicy(Sessions.at(1, 0), Sessions.STS_DOMAIN, null);
    DayResults day = DayResults.of(Sessions.DAY, List.of(ok, ok));
    assertThat(day.policies(Sessions.STS_DOMAIN)).singleElement().satisfies(p -> {
      assertThat(p.successfulSessions()).isEqualTo(2);
      assertThat(p.failures()).isEmpty();
    });
  }
}
