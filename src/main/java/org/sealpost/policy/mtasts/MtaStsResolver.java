package org.sealpost.policy.mtasts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sealpost.config.MtaStsConfig;
import org.sealpost.config.MtaStsMode;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.Resolver;
import org.sealpost.mail.Domain;
import org.sealpost.policy.TlsResultType;
import org.sealpost.policy.mtasts.FetchOutcome.Fetched;
import org.sealpost.policy.mtasts.FetchOutcome.Failed;
import org.sealpost.policy.mtasts.StsRecord.Found;
import org.sealpost.policy.mtasts.StsRecord.NoPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTA-STS policy of a policy domain, as RFC 8461 §5.1 has a sender find it: the {@code
 * _mta-sts} TXT record first; a cached policy under the same {@code id} is used as is; a new or
 * missing one is fetched over HTTPS and cached. When the record is gone or malformed, DNS fails,
 * or the fetch fails, a still-valid cached policy applies (STS-1, STS-5); without one the domain
 * has no policy. Each domain is looked up on its own: a subdomain never inherits its parent's
 * policy (STS-7). After a failed fetch, the same policy id is not fetched again for five minutes
 * (STS-4), and the failure is kept for TLS-RPT ({@link #lastFailure}, STS-13).
 *
 * <p>Time for expiry and back-off comes from the injected clock; {@link #refreshDue()} and {@link
 * #refresh} let a daily job renew policies before they expire (STS-6).
 */
public final class MtaStsResolver implements MtaStsLookup {

  private static final Logger log = LoggerFactory.getLogger(MtaStsResolver.class);

  /** RFC 8461 §3.3 (STS-4): at least five minutes between fetch attempts for one policy id. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(5);

  /** STS-6: renew a policy a day after fetching it, or at half its max_age if that is sooner. */
  static final Duration REFRESH_AFTER = Duration.ofDays(1);

  private final Resolver dns;
  private final PolicyFetcher fetcher;
  private final PolicyCache cache;
  private final InstantSource clock;
  private final Map<Domain, FetchFailure> failures = new ConcurrentHashMap<>();
  private final Map<Domain, Object> locks = new ConcurrentHashMap<>();

  MtaStsResolver(Resolver dns, PolicyFetcher fetcher, PolicyCache cache, InstantSource clock) {
    this.dns = dns;
    this.fetcher = fetcher;
    this.cache = cache;
    this.clock = clock;
  }

  /** Opens the cache folder of {@code config} and sets up fetches with its trust store and limits. */
  public static MtaStsResolver create(MtaStsConfig config, Resolver dns, InstantSource clock)
      throws IOException {
    PolicyFetcher fetcher = PolicyFetcher.create(dns, config.caFile(), new PolicyFetcher.FetchLimits(
        config.port(), config.fetchTimeout(), (int) config.maxPolicySize()));
    return new MtaStsResolver(dns, fetcher, PolicyCache.open(config.cacheDir()), clock);
  }

  @Override
  public Optional<MtaStsPolicy> policy(Domain domain) {
    if (domain.isAddressLiteral()) {
      return Optional.empty();
    }
    synchronized (locks.computeIfAbsent(domain, d -> new Object())) {
      Optional<CachedPolicy> cached = valid(domain);
      DnsResult<String> txt = dns.txt(Domain.of("_mta-sts." + domain.name()));
      if (txt.isFailure()) {
        log.info("mta-sts: domain={} txt={} cached={}", domain, txt.status(), describe(cached));
        return cached.map(CachedPolicy::policy); // STS-5
      }
      return switch (StsRecord.select(txt.records())) {
        case NoPolicy none -> {
          if (cached.isPresent()) { // STS-1: a vanished record does not end a cached policy
            log.debug("mta-sts: domain={} record=none reason=\"{}\" cached={}", domain, none.reason(),
                describe(cached));
          }
          yield cached.map(CachedPolicy::policy);
        }
        case Found found when cached.isPresent() && cached.get().id().equals(found.record().id()) ->
            cached.map(CachedPolicy::policy);
        case Found found -> fetch(domain, found.record().id(), cached).map(CachedPolicy::policy);
      };
    }
  }

  @Override
  public Optional<TlsResultType> fetchFailure(Domain domain) {
    return lastFailure(domain).filter(f -> !f.cachedPolicyInForce()).map(FetchFailure::resultType);
  }

  /** The latest failed fetch for {@code domain} since its last good one (RFC 8460 result type and reason). */
  public Optional<FetchFailure> lastFailure(Domain domain) {
    return Optional.ofNullable(failures.get(domain));
  }

  /**
   * Policy domains whose cached policy should be renewed now (STS-6): fetched a day ago, or half
   * of a shorter max_age ago. Expired policies are dropped from the cache on the way.
   */
  public List<Domain> refreshDue() {
    Instant now = clock.instant();
    List<Domain> due = new ArrayList<>();
    for (CachedPolicy p : cache.all()) {
      if (!p.isValidAt(now)) {
        drop(p);
        continue;
      }
      Duration after = p.policy().maxAge().dividedBy(2);
      if (after.compareTo(REFRESH_AFTER) > 0) {
        after = REFRESH_AFTER;
      }
      if (!now.isBefore(p.fetchedAt().plus(after))) {
        due.add(p.domain());
      }
    }
    return due;
  }

  /**
   * Renews every cached policy that is due (STS-6); run from a timer (Sealpost runs it hourly).
   * Returns how many policies were fetched anew.
   */
  public int refreshDuePolicies() {
    int renewed = 0;
    for (Domain domain : refreshDue()) {
      if (refresh(domain).filter(o -> o instanceof Fetched).isPresent()) {
        renewed++;
      }
    }
    return renewed;
  }

  /**
   * Fetches the policy of {@code domain} again even if its id is unchanged, which renews its
   * max_age (RFC 8461 §3.3). Returns the outcome, or empty when no fetch was made: no valid record,
   * DNS failing, or a failure less than five minutes ago.
   */
  public Optional<FetchOutcome> refresh(Domain domain) {
    synchronized (locks.computeIfAbsent(domain, d -> new Object())) {
      DnsResult<String> txt = dns.txt(Domain.of("_mta-sts." + domain.name()));
      if (txt.isFailure() || !(StsRecord.select(txt.records()) instanceof Found found)) {
        log.info("mta-sts: domain={} refresh=skipped txt={}", domain, txt.status());
        return Optional.empty();
      }
      if (backingOff(domain, found.record().id())) {
        return Optional.empty();
      }
      return Optional.of(fetchNow(domain, found.record().id(), valid(domain)));
    }
  }

  private Optional<CachedPolicy> fetch(Domain domain, String id, Optional<CachedPolicy> cached) {
    if (backingOff(domain, id)) {
      return cached;
    }
    return switch (fetchNow(domain, id, cached)) {
      case Fetched f -> cache.get(domain);
      case Failed f -> cached;
    };
  }

  private FetchOutcome fetchNow(Domain domain, String id, Optional<CachedPolicy> cached) {
    FetchOutcome outcome = fetcher.fetch(domain);
    Instant now = clock.instant();
    switch (outcome) {
      case Fetched f -> {
        failures.remove(domain); // a failure is news only until the next good fetch
        CachedPolicy p = new CachedPolicy(domain, id, now, f.policy());
        log.info("mta-sts: domain={} id={} status=fetched mode={} max_age={} mx={}", domain, id,
            f.policy().mode().code(), f.policy().maxAge().toSeconds(), f.policy().mxPatterns());
        try {
          cache.put(p);
        } catch (IOException e) {
          log.warn("mta-sts: domain={} id={} cache write failed: {}", domain, id, e.toString());
        }
      }
      case Failed f -> {
        failures.put(domain, new FetchFailure(domain, id, f.type(), f.reason(), now, cached.isPresent()));
        // STS-6: an operator should hear of failures while a policy that matters is in force.
        boolean matters = cached.isPresent() && cached.get().policy().mode() != MtaStsMode.NONE;
        String line = "mta-sts: domain={} id={} status=failed result={} cached={} reason=\"{}\"";
        if (matters) {
          log.warn(line, domain, id, f.type().resultType().code(), describe(cached), f.reason());
        } else {
          log.info(line, domain, id, f.type().resultType().code(), describe(cached), f.reason());
        }
      }
    }
    return outcome;
  }

  private boolean backingOff(Domain domain, String id) {
    FetchFailure last = failures.get(domain);
    return last != null && last.policyId().equals(id)
        && clock.instant().isBefore(last.at().plus(RETRY_AFTER_FAILURE));
  }

  private Optional<CachedPolicy> valid(Domain domain) {
    Optional<CachedPolicy> cached = cache.get(domain);
    if (cached.isPresent() && !cached.get().isValidAt(clock.instant())) {
      drop(cached.get());
      return Optional.empty();
    }
    return cached;
  }

  private void drop(CachedPolicy p) {
    log.info("mta-sts: domain={} id={} status=expired", p.domain(), p.id());
    try {
      cache.remove(p.domain());
    } catch (IOException e) {
      log.warn("mta-sts: domain={} cache delete failed: {}", p.domain(), e.toString());
    }
  }

  private static String describe(Optional<CachedPolicy> cached) {
    return cached.map(c -> c.id() + "/" + c.policy().mode().code()).orElse("none");
  }
}
