package org.sealpost.delivery.remote;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sealpost.config.MtaStsMode;
import org.sealpost.config.RequireTlsMode;
import org.sealpost.delivery.DeliveryOutcome;
import org.sealpost.delivery.Deliverer;
import org.sealpost.delivery.Destination;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.delivery.TlsSessionListener;
import org.sealpost.delivery.TlsSessionResult.PolicyType;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.MxHost;
import org.sealpost.dns.MxResolution;
import org.sealpost.dns.MxResolver;
import org.sealpost.dns.Resolver;
import org.sealpost.dns.Security;
import org.sealpost.mail.Domain;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.Envelope;
import org.sealpost.mail.Recipient;
import org.sealpost.mail.TlsRequirement;
import org.sealpost.policy.DestinationPolicy;
import org.sealpost.policy.HopRequirement;
import org.sealpost.policy.HopRequirement.TlsDemand;
import org.sealpost.policy.HopVerdict;
import org.sealpost.policy.HostDemand;
import org.sealpost.policy.NameValidation;
import org.sealpost.policy.PublishedPolicy;
import org.sealpost.policy.TlsResultType;
import org.sealpost.policy.TransportPolicy;
import org.sealpost.policy.dane.DaneState;
import org.sealpost.policy.dane.ReferenceNames;
import org.sealpost.policy.dane.TlsaLookup;
import org.sealpost.policy.mtasts.MtaStsLookup;
import org.sealpost.policy.mtasts.MtaStsPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to a remote domain (through its MX hosts) or to a smart host, with the route security
 * RFC 8689 §4.2 and the local TLS policy demand. See the package documentation for the flow.
 */
public final class RemoteDelivery implements Deliverer, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger("delivery");

  /** The listener name of messages Sealpost generates itself (DSNs); see RT-38. */
  public static final String GENERATED_LISTENER = "dsn";

  private final Resolver resolver;
  private final MxResolver mx;
  private final MtaStsLookup mtaSts;
  private final TlsaLookup tlsa;
  private final OutboundTls tls;
  private final RemoteSettings settings;
  private final Redaction redaction;
  private final SessionCache sessions;
  private final HopServices hops;

  /**
   * @param redaction turns Sealpost's own REQUIRETLS bounce into its redacted form when no compliant
   *     path to the sender exists (RT-38(a)); implemented by {@code report.dsn}
   */
  public RemoteDelivery(
      Resolver resolver, MtaStsLookup mtaSts, OutboundTls tls, RemoteSettings settings, Redaction redaction) {
    this(resolver, mtaSts, tls, settings, redaction, TlsSessionListener.none(), InstantSource.system());
  }

  /**
   * @param tlsReports hears every new outbound session's outcome (RFC 8460 TLS reporting)
   * @param clock for the idle limit of parked sessions, the memory of failed connects and reports
   */
  public RemoteDelivery(Resolver resolver, MtaStsLookup mtaSts, OutboundTls tls, RemoteSettings settings,
      Redaction redaction, TlsSessionListener tlsReports, InstantSource clock) {
    this.resolver = resolver;
    this.mx = new MxResolver(resolver);
    this.mtaSts = mtaSts;
    this.tlsa = new TlsaLookup(resolver);
    this.tls = tls;
    this.settings = settings;
    this.redaction = redaction;
    this.sessions = new SessionCache(settings.connectionReuseTime(), settings.maxMessagesPerConnection(), clock);
    this.hops = new HopServices(settings, tls, sessions, new UnreachableAddresses(clock),
        new TlsReporter(tlsReports, clock, settings.sourceAddress()));
  }

  /** QUITs the sessions parked for reuse; deliveries after this close their sessions at once. */
  @Override
  public void close() {
    int parked = sessions.size();
    sessions.close();
    log.info("outbound sessions closed parked={}", parked);
  }

  /** Sessions parked for reuse now; for tests. */
  int parkedSessions() {
    return sessions.size();
  }

  /** Closes parked sessions past the idle limit now, as the background check does; for tests. */
  int closeIdleSessions() {
    return sessions.closeIdle();
  }

  /** RFC 8689 §5 (RT-38(a)): the redacted form of our own REQUIRETLS bounce, or null if not one. */
  @FunctionalInterface
  public interface Redaction {
    @Nullable OutboundMessage redact(OutboundMessage ownBounce);

    static Redaction none() {
      return m -> null;
    }
  }

  @Override
  public List<RecipientOutcome> deliver(OutboundMessage message, Destination destination, List<Recipient> recipients) {
    Domain target =
        switch (destination) {
          case Destination.Remote r -> r.domain();
          case Destination.SmartHost s -> Domain.of(s.host());
          case Destination.Local l -> throw new IllegalArgumentException("local destination given to remote delivery");
        };
    int port = destination instanceof Destination.SmartHost s ? s.port() : settings.port();
    DestinationPolicy policy = settings.policies().apply(target);
    Envelope e = message.envelope();
    HopRequirement strict = TransportPolicy.requirement(e.tlsRequirement(), e.verificationFloor(), policy);
    Route route =
        destination instanceof Destination.SmartHost
            ? smartHost(target, port)
            : mxRoute(target, port, strict.honoursPublished());
    if (route.failure() != null) {
      return all(recipients, route.failure());
    }
    Map<Domain, HostPolicy> lookedUp = new HashMap<>();
    Attempts first = tryHosts(route, strict, message, recipients, lookedUp);
    if (first.transacted != null) {
      return first.transacted;
    }
    OutboundMessage fallback = strict.sendRequireTls() && first.allPermanent() ? fallback(message, policy) : null;
    if (fallback != null) {
      // RT-38: a relayed bounce goes on unchanged and our own bounce redacted, both without the
      // parameter; or the operator chose "opportunistic" REQUIRETLS here. Logged either way.
      log.warn("{}: no host of {} meets REQUIRETLS; delivering {} without it ({})", e.queueId(), target,
          fallback == message ? "the message" : "a redacted bounce",
          policy.requireTls() == RequireTlsMode.OPPORTUNISTIC
              ? "requiretls = opportunistic for this destination"
              : "a bounce, RFC 8689 §5");
      Attempts second = tryHosts(route, TransportPolicy.untagged(policy, "REQUIRETLS fallback"), fallback,
          recipients, lookedUp);
      if (second.transacted != null) {
        return second.transacted;
      }
      return all(recipients, second.verdict(strict));
    }
    return all(recipients, first.verdict(strict));
  }

  /** What may go without REQUIRETLS once no host met it, or null when nothing may (RT-26). */
  private @Nullable OutboundMessage fallback(OutboundMessage message, DestinationPolicy policy) {
    Envelope e = message.envelope();
    if (policy.requireTls() == RequireTlsMode.OPPORTUNISTIC) {
      return message;
    }
    if (!e.hasNullReversePath()) {
      return null;
    }
    return e.client().listener().equals(GENERATED_LISTENER) ? redaction.redact(message) : message;
  }

  private Attempts tryHosts(Route route, HopRequirement req, OutboundMessage message, List<Recipient> recipients,
      Map<Domain, HostPolicy> lookedUp) {
    Attempts attempts = new Attempts();
    String queueId = message.envelope().queueId().toString();
    for (List<Candidate> addresses : route.candidates()) {
      Candidate head = addresses.getFirst();
      HostPolicy published = hostPolicy(route, head, req, lookedUp);
      boolean reportable = TlsSessionListener.reportable(message.envelope()) && req.tls() != TlsDemand.NONE;
      TlsReporter.Scope scope = hops.reporter().scope(head.nextHopDomain(), head.host(), published, reportable,
          route.stsFetchFailure());
      if (published.dane() instanceof DaneState.Failed failed) {
        // RFC 7672 §2.1.2 (DANE-2): the host is unreachable; with none left, the mail waits.
        log.info("{}: host {} skipped: {} (RFC 7672 §2.1.2)", queueId, head.host(), failed.reason());
        if (reportable && failed.cause() instanceof DnsResult.Bogus) {
          hops.reporter().ruledOut(new TlsReporter.Scope(head.nextHopDomain(), head.host(), PolicyType.TLSA,
              List.of(), false, null), head, TlsResultType.DNSSEC_INVALID, failed.reason());
        }
        attempts.results.add(new HopResult.Unreachable(head, EnhancedStatus.of("4.4.3"), failed.reason()));
        continue;
      }
      HopRequirement hostReq;
      switch (TransportPolicy.forHost(req, published.published(), head.name())) {
        case HostDemand.Skip skip -> {
          HopVerdict.Refuse r = skip.refusal();
          log.info("{}: host {} not used for this message: {} ({}, {})", queueId, head.host(), r.reason(),
              r.status(), req.why());
          attempts.results.add(new HopResult.Refused(head, r.status(), r.permanent(), r.reason(), null));
          // Reported when the destination's policy ruled the host out, not our own name checks.
          boolean stsMismatch = published.published().stsMode() == MtaStsMode.ENFORCE && !published.stsMatches();
          boolean noDane = req.daneOnly() && published.published().dane() != PublishedPolicy.Dane.USABLE;
          if (scope != null && (stsMismatch || noDane)) {
            hops.reporter().ruledOut(scope, head,
                noDane ? TlsResultType.DANE_REQUIRED : TlsResultType.VALIDATION_FAILURE, r.reason());
          }
          continue;
        }
        case HostDemand.Try t -> hostReq = t.requirement();
      }
      for (Candidate address : addresses) {
        Candidate c = address.checkedBy(published);
        HopResult r = new HopAttempt(c, hostReq, hops, scope).run(message, recipients);
        switch (r) {
          case HopResult.Transacted t -> {
            attempts.transacted = t.outcomes();
            return attempts;
          }
          case HopResult.Refused refused -> {
            log.info("{}: host {} refused for this message: {} ({}, {})", queueId,
                c.display(), refused.reason(), refused.status(), hostReq.why());
            attempts.results.add(r);
          }
          case HopResult.Unreachable u -> {
            log.info("{}: host {} unusable: {}", queueId, c.display(), u.reason());
            attempts.results.add(r);
            continue;
          }
        }
        break; // RFC 8689 §4.2.1: a refused host is left for the next host, not its next address.
      }
    }
    return attempts;
  }

  /**
   * The host's published policy for this demand: TLSA looked up only when the demand asks for it
   * (RFC 7672 is opt-in per level, and always on for REQUIRETLS: RT-22), once per host per delivery.
   */
  private HostPolicy hostPolicy(Route route, Candidate head, HopRequirement req, Map<Domain, HostPolicy> lookedUp) {
    boolean stsMatches = route.sts().map(p -> p.matches(head.host())).orElse(false);
    MxHost host = route.mxHosts().get(head.host());
    if (host == null || route.resolution() == null || !req.lookUpTlsa()) {
      return new HostPolicy(new DaneState.NotApplicable("TLSA not looked up (" + req.why() + ")"), null,
          route.sts(), stsMatches);
    }
    MxResolution.Hosts resolution = route.resolution();
    return lookedUp.computeIfAbsent(head.host(), name -> {
      DaneState state = tlsa.lookup(host, head.port());
      ReferenceNames names = state instanceof DaneState.Usable u
          ? ReferenceNames.forHost(u.baseDomain(), host.name(), resolution.mxSecurity(), resolution.domain(),
              resolution.expandedDomain())
          : null;
      return new HostPolicy(state, names, route.sts(), stsMatches);
    });
  }

  /**
   * @param published whether the destination's published policy (MTA-STS) is looked up; not for
   *     {@code TLS-Required: No} messages (RT-12)
   */
  private Route mxRoute(Domain domain, int port, boolean published) {
    if (domain.isAddressLiteral()) {
      return literalRoute(domain, port, NameValidation.NONE);
    }
    MxResolution resolution = mx.resolve(domain);
    return switch (resolution) {
      case MxResolution.NullMx n -> Route.failed(new DeliveryOutcome.Failed(n.failureStatus(), null,
          domain + " accepts no mail (null MX, RFC 7505)", null));
      case MxResolution.NoSuchDomain n -> Route.failed(new DeliveryOutcome.Failed(n.failureStatus(), null,
          "domain " + domain + " does not exist", null));
      case MxResolution.Failed f -> Route.failed(new DeliveryOutcome.Deferred(f.failureStatus(), null,
          "DNS lookup for " + domain + " failed: " + f.cause().status(), null));
      case MxResolution.Hosts h -> {
        Optional<MtaStsPolicy> sts = published ? mtaSts.policy(domain) : Optional.empty();
        List<List<Candidate>> hosts = new ArrayList<>();
        Map<Domain, MxHost> byName = new HashMap<>();
        for (MxHost host : h.hosts()) {
          if (isSelf(host, port)) {
            // RFC 5321 §5.1 (SMTP-13): a relay drops itself and every less-preferred MX.
            if (hosts.isEmpty()) {
              yield Route.failed(new DeliveryOutcome.Failed(EnhancedStatus.of("5.4.6"), null,
                  "mail for " + domain + " loops back to this host (it is the best MX of " + domain
                      + " but " + domain + " is not a local domain)", null));
            }
            break;
          }
          NameValidation name = nameValidation(h, host, sts);
          List<Candidate> addresses = new ArrayList<>();
          for (InetAddress a : host.addresses()) {
            if (addresses.size() < settings.maxAddressesPerHost()) {
              addresses.add(new Candidate(host.name(), a, port, name, domain));
            }
          }
          if (!addresses.isEmpty()) {
            hosts.add(addresses);
            byName.put(host.name(), host);
          }
        }
        if (hosts.isEmpty()) {
          yield Route.failed(new DeliveryOutcome.Deferred(EnhancedStatus.of("4.4.3"), null,
              "no address found for any MX host of " + domain, null));
        }
        yield new Route(hosts, null, byName, h, sts,
            sts.isEmpty() && published ? mtaSts.fetchFailure(domain) : Optional.empty());
      }
    };
  }

  private boolean isSelf(MxHost host, int port) {
    if (settings.ownNames().contains(host.name())) {
      return true;
    }
    return host.addresses().stream()
        .anyMatch(a -> settings.ownEndpoints().contains(new InetSocketAddress(a, port)));
  }

  /** RFC 8689 §4.2.1 step 2 (RT-21): DNSSEC, else the MTA-STS mx patterns, else not validated. */
  private static NameValidation nameValidation(MxResolution.Hosts h, MxHost host, Optional<MtaStsPolicy> sts) {
    if (h.mxSecurity() == Security.SECURE) {
      return NameValidation.DNSSEC;
    }
    if (h.implicit()) {
      return NameValidation.IMPLICIT;
    }
    // ADR 0001: a testing-mode policy validates too; mode none matches nothing.
    return sts.filter(p -> p.matches(host.name())).isPresent() ? NameValidation.MTA_STS : NameValidation.NONE;
  }

  /** {@code user@[192.0.2.1]} or a smart host given as an address: no DNS (RFC 5321 §4.1.3). */
  private Route literalRoute(Domain literal, int port, NameValidation name) {
    String text = literal.name().substring(1, literal.name().length() - 1);
    if (text.regionMatches(true, 0, "ipv6:", 0, 5)) {
      text = text.substring(5);
    }
    try {
      InetAddress address = InetAddress.ofLiteral(text);
      return Route.of(List.of(List.of(new Candidate(literal, address, port, name, literal))));
    } catch (IllegalArgumentException e) {
      return Route.failed(new DeliveryOutcome.Failed(EnhancedStatus.of("5.1.2"), null,
          "bad address literal " + literal, null));
    }
  }

  private Route smartHost(Domain host, int port) {
    if (host.isAddressLiteral()) {
      return literalRoute(host, port, NameValidation.CONFIGURED);
    }
    List<Candidate> addresses = new ArrayList<>();
    DnsResult<InetAddress> a = resolver.a(host);
    if (a.isFailure()) {
      return Route.failed(new DeliveryOutcome.Deferred(EnhancedStatus.of("4.4.3"), null,
          "DNS lookup for smart host " + host + " failed: " + a.status(), null));
    }
    for (InetAddress address : a.records()) {
      if (addresses.size() < settings.maxAddressesPerHost()) {
        addresses.add(new Candidate(host, address, port, NameValidation.CONFIGURED, host));
      }
    }
    if (addresses.isEmpty()) {
      return Route.failed(new DeliveryOutcome.Deferred(EnhancedStatus.of("4.4.3"), null,
          "smart host " + host + " has no address", null));
    }
    return Route.of(List.of(addresses));
  }

  private static List<RecipientOutcome> all(List<Recipient> recipients, DeliveryOutcome outcome) {
    return recipients.stream().map(r -> new RecipientOutcome(r, outcome)).toList();
  }

  /**
   * The candidates by host, in order, each host's addresses together; for an MX route also the MX
   * hosts by name and the resolution (for TLSA lookups) and the domain's MTA-STS policy.
   */
  private record Route(
      List<List<Candidate>> candidates,
      @Nullable DeliveryOutcome failure,
      Map<Domain, MxHost> mxHosts,
      MxResolution.@Nullable Hosts resolution,
      Optional<MtaStsPolicy> sts,
      Optional<TlsResultType> stsFetchFailure) {

    static Route of(List<List<Candidate>> candidates) {
      return new Route(candidates, null, Map.of(), null, Optional.empty(), Optional.empty());
    }

    static Route failed(DeliveryOutcome outcome) {
      return new Route(List.of(), outcome, Map.of(), null, Optional.empty(), Optional.empty());
    }
  }

  /** The hosts tried for one requirement, and what they came to. */
  private static final class Attempts {
    final List<HopResult> results = new ArrayList<>();
    @Nullable List<RecipientOutcome> transacted;

    boolean allPermanent() {
      return !results.isEmpty()
          && results.stream().allMatch(r -> r instanceof HopResult.Refused f && f.permanent());
    }

    /**
     * RT-26: when every host refused on policy, fail with 5.7.30 if one of them lacked only
     * REQUIRETLS, else 5.7.10; when any host failed for a transport reason, defer.
     */
    DeliveryOutcome verdict(HopRequirement req) {
      String reason = summary();
      if (allPermanent()) {
        boolean noExtension = results.stream().anyMatch(r -> ((HopResult.Refused) r).status().equals(EnhancedStatus.of("5.7.30")));
        String why = req.sendRequireTls()
            ? "the message requires TLS (REQUIRETLS, RFC 8689) and no host of the destination met it: " + reason
            : reason;
        return new DeliveryOutcome.Failed(EnhancedStatus.of(noExtension ? "5.7.30" : "5.7.10"), null, why, lastHop());
      }
      EnhancedStatus status =
          results.stream()
              .filter(r -> r instanceof HopResult.Refused)
              .map(r -> ((HopResult.Refused) r).status())
              .filter(EnhancedStatus::isTransient)
              .findFirst()
              .orElseGet(() -> results.stream().filter(r -> r instanceof HopResult.Unreachable)
                  .map(r -> ((HopResult.Unreachable) r).status()).findFirst().orElse(EnhancedStatus.of("4.4.1")));
      return new DeliveryOutcome.Deferred(status, null, reason, lastHop());
    }

    /** The last host a session reached, for the log line and the DSN's Remote-MTA. */
    private @Nullable Hop lastHop() {
      Hop hop = null;
      for (HopResult r : results) {
        if (r instanceof HopResult.Refused f && f.hop() != null) {
          hop = f.hop();
        }
      }
      return hop;
    }

    private String summary() {
      List<String> parts = new ArrayList<>();
      for (HopResult r : results) {
        switch (r) {
          case HopResult.Refused f -> parts.add(f.candidate().display() + ": " + f.reason());
          case HopResult.Unreachable u -> parts.add(u.candidate().display() + ": " + u.reason());
          case HopResult.Transacted t -> {}
        }
      }
      return String.join("; ", parts);
    }
  }
}
