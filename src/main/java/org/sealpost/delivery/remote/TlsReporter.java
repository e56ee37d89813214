package org.sealpost.delivery.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.MtaStsMode;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.delivery.TlsSessionResult;
import org.sealpost.delivery.TlsSessionResult.PolicyType;
import org.sealpost.mail.Domain;
import org.sealpost.policy.HopFacts;
import org.sealpost.policy.TlsResultType;
import org.sealpost.policy.dane.DaneState;
import org.sealpost.policy.dane.DaneVerdict;
import org.sealpost.policy.mtasts.MtaStsPolicy;

/**
 * Turns what delivery learns about each new outbound session into SMTP TLS Reporting results
 * (RFC 8460 §4): which policy applied to the host (DANE TLSA, else MTA-STS, else none) and whether
 * the session met it, with the RPT-3 result type when not. Reused sessions are not new sessions and
 * are not counted; transient network failures are not reported (RFC 8460 §4.3).
 */
final class TlsReporter {

  private final TlsSessionListener listener;
  private final InstantSource clock;
  private final @Nullable InetAddress source;

  /** @param source {@code delivery.source_address}, or null when the system picks it */
  TlsReporter(TlsSessionListener listener, InstantSource clock, @Nullable InetAddress source) {
    this.listener = listener;
    this.clock = clock;
    this.source = source;
  }

  /**
   * What one host's sessions are reported under (RPT-4 policy strings); null when they are not
   * reported: the message is a TLS report itself, or TLS is not attempted at all.
   */
  @Nullable Scope scope(Domain policyDomain, Domain host, HostPolicy published, boolean reportable,
      Optional<TlsResultType> stsFetchFailure) {
    if (!reportable) {
      return null;
    }
    return switch (published.dane()) {
      case DaneState.Usable u -> new Scope(policyDomain, host, PolicyType.TLSA,
          u.records().stream().map(Object::toString).toList(), false, null);
      case DaneState.Unusable u -> new Scope(policyDomain, host, PolicyType.TLSA,
          u.published().stream().map(Object::toString).toList(), false, null);
      default -> published.sts().filter(p -> p.mode() != MtaStsMode.NONE)
          .map(p -> new Scope(policyDomain, host, PolicyType.STS, p.lines(), true, null))
          // STS-13: a published policy that could not be fetched fails every session it should have guided.
          .orElseGet(() -> stsFetchFailure.isPresent()
              ? new Scope(policyDomain, host, PolicyType.STS, List.of(), false, stsFetchFailure.get())
              : new Scope(policyDomain, host, PolicyType.NO_POLICY_FOUND, List.of(), false, null));
    };
  }

  /** A session reached TLS (or could not); {@code facts} as the hop was judged. */
  void session(Scope scope, Candidate c, InetAddress local, @Nullable String helo, HopFacts facts,
      @Nullable DaneVerdict dane) {
    TlsResultType failure = scope.policyFailure();
    if (failure != null) {
      emit(scope, c, local.getHostAddress(), helo, failure, "the domain's MTA-STS policy could not be fetched");
      return;
    }
    if (dane instanceof DaneVerdict.Failed f) {
      failure = f.resultType();
    } else if (dane == null && scope.stsChecks()) {
      failure = stsFailure(facts);
    }
    emit(scope, c, local.getHostAddress(), helo, failure, failure == null ? null : facts.certificateProblem());
  }

  /** No TLS session: STARTTLS not offered or refused, or the handshake failed (RFC 8460 §4.3.1). */
  void noTls(Scope scope, Candidate c, InetAddress local, @Nullable String helo, TlsResultType type, String detail) {
    emit(scope, c, local.getHostAddress(), helo, type, detail);
  }

  /** The host was ruled out by its policy before connecting (MTA-STS mx mismatch, DANE failures). */
  void ruledOut(Scope scope, Candidate c, TlsResultType type, String detail) {
    emit(scope, c, sendingAddress(c.address()), null, type, detail);
  }

  /**
   * The address a session to {@code remote} would have come from, for {@code sending-mta-ip} when
   * no session was opened: the configured source, else the system's route (a UDP connect sends
   * nothing). Empty when the system has no route.
   */
  private String sendingAddress(InetAddress remote) {
    if (source != null) {
      return source.getHostAddress();
    }
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(remote, 9);
      return probe.getLocalAddress().getHostAddress();
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** STS-8 part 2: PKIX, unexpired, naming the MX host. */
  private static @Nullable TlsResultType stsFailure(HopFacts facts) {
    if (!facts.pkixVerified()) {
      String problem = facts.certificateProblem().toLowerCase(Locale.ROOT);
      return problem.contains("expired") || problem.contains("notafter")
          ? TlsResultType.CERTIFICATE_EXPIRED
          : TlsResultType.CERTIFICATE_NOT_TRUSTED;
    }
    return facts.matchesHost() ? null : TlsResultType.CERTIFICATE_HOST_MISMATCH;
  }

  private void emit(Scope scope, Candidate c, String local, @Nullable String helo,
      @Nullable TlsResultType failure, @Nullable String detail) {
    listener.sessionEnded(new TlsSessionResult(clock.instant(), scope.policyDomain(), scope.type(),
        scope.strings(), scope.host().name(), local, c.host().name(), helo, c.address().getHostAddress(),
        failure, failure == null ? null : detail));
  }

  /** The policy a host's sessions are reported under. */
  record Scope(Domain policyDomain, Domain host, PolicyType type, List<String> strings, boolean stsChecks,
      @Nullable TlsResultType policyFailure) {}
}
