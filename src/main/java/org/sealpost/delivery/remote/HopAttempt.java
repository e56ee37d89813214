package org.sealpost.delivery.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.delivery.Hop;
import org.sealpost.delivery.OutboundMessage;
import org.sealpost.delivery.RecipientOutcome;
import org.sealpost.delivery.TlsLevel;
import org.sealpost.mail.EnhancedStatus;
import org.sealpost.mail.Recipient;
import org.sealpost.policy.HopFacts;
import org.sealpost.policy.HopRequirement;
import org.sealpost.policy.HopVerdict;
import org.sealpost.policy.NameValidation;
import org.sealpost.policy.TlsResultType;
import org.sealpost.policy.TransportPolicy;
import org.sealpost.policy.dane.DaneVerdict;
import org.sealpost.smtp.Reply;
import org.sealpost.smtp.client.ClientOptions;
import org.sealpost.smtp.client.Extensions;
import org.sealpost.smtp.client.SmtpClient;
import org.sealpost.smtp.client.SmtpTlsException;
import org.sealpost.smtp.client.TlsSessionInfo;
import org.sealpost.tls.HostnameMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to one candidate: connect, EHLO, STARTTLS when the demand allows, EHLO again, let
 * {@link TransportPolicy} judge the hop, then run the transaction or QUIT (RFC 8689 §4.2.1).
 */
final class HopAttempt {

  private static final Logger log = LoggerFactory.getLogger("delivery");

  private final Candidate candidate;
  private final HopRequirement requirement;
  private final RemoteSettings settings;
  private final OutboundTls tls;
  private final SessionCache cache;
  private final UnreachableAddresses unreachable;
  private final TlsReporter reporter;
  private final TlsReporter.@Nullable Scope report;
  private @Nullable DaneVerdict daneVerdict;

  /** @param report what a new session is reported under (RFC 8460); null: not reported */
  HopAttempt(Candidate candidate, HopRequirement requirement, HopServices services,
      TlsReporter.@Nullable Scope report) {
    this.candidate = candidate;
    this.requirement = requirement;
    this.settings = services.settings();
    this.tls = services.tls();
    this.cache = services.sessions();
    this.unreachable = services.unreachable();
    this.reporter = services.reporter();
    this.report = report;
  }

  /**
   * A parked session for this candidate and requirement when one is alive, else a new connection.
   * A parked session that turns out dead costs nothing but the probe: the message goes on a new one.
   */
  HopResult run(OutboundMessage message, List<Recipient> recipients) {
    SessionCache.Key key = new SessionCache.Key(candidate, requirement);
    for (ParkedSession p = cache.take(key); p != null; p = cache.take(key)) {
      HopResult reused = reuse(key, p, message, recipients);
      if (reused != null) {
        return reused;
      }
    }
    return run(message, recipients, true);
  }

  /**
   * RSET as a liveness probe (RFC 5321 §4.1.1.5; it also ends anything left of the last
   * transaction), then the same judgement as for a new session, on the facts it was judged on.
   * Null when the session is unusable; it is closed then.
   */
  private @Nullable HopResult reuse(
      SessionCache.Key key, ParkedSession p, OutboundMessage message, List<Recipient> recipients) {
    SmtpClient client = p.client();
    Reply rset;
    try {
      rset = client.rset();
    } catch (IOException e) {
      log.debug("{}: parked session to {} is gone ({}), opening a new one", message.envelope().queueId(),
          candidate.display(), e.getMessage());
      closeQuietly(client);
      return null;
    }
    if (rset.code() != 250 || !(TransportPolicy.judge(requirement, p.facts()) instanceof HopVerdict.Use)) {
      quietly(client);
      return null;
    }
    log.info("{}: session reused host={} tls={} transactions={}", message.envelope().queueId(),
        candidate.display(), p.hop().tls(), p.transactions() + 1);
    MailTransaction t = new MailTransaction(client, p.ext(), message, recipients, p.hop());
    List<RecipientOutcome> outcomes;
    try {
      outcomes = t.run();
    } catch (IOException e) {
      // The session died during the transaction: a new connection decides, as on a first attempt.
      closeQuietly(client);
      return null;
    }
    release(key, t, p.ext(), p.facts(), p.hop(), p.transactions() + 1);
    return new HopResult.Transacted(outcomes);
  }

  /** After a transaction: park the session for the next message, or QUIT it. */
  private void release(SessionCache.Key key, MailTransaction t, Extensions ext, HopFacts facts, Hop hop, int transactions) {
    if (t.reusable() && cache.mayPark(transactions)) {
      cache.park(key, t.client(), ext, facts, hop, transactions);
    } else {
      quietly(t.client());
    }
  }

  private HopResult run(OutboundMessage message, List<Recipient> recipients, boolean tryTls) {
    InetSocketAddress address = new InetSocketAddress(candidate.address(), candidate.port());
    var recent = unreachable.recentFailure(address);
    if (recent.isPresent()) {
      return unreachable("4.4.1", "not tried: a connect failed within " + UnreachableAddresses.MEMORY.toSeconds()
          + "s (" + recent.get().reason() + ")");
    }
    SmtpClient client;
    try {
      client = SmtpClient.connect(address,
          new ClientOptions(settings.connectTimeout(), settings.commandTimeout(), settings.sourceAddress()));
    } catch (IOException e) {
      unreachable.failed(address, "cannot connect: " + e.getMessage());
      return unreachable("4.4.1", "cannot connect: " + e.getMessage());
    }
    unreachable.reached(address);
    boolean parked = false;
    try {
      Reply greeting = client.greeting();
      if (!greeting.isPositive()) {
        return unreachable("4.4.2", "greeting refused: " + greeting.toString().strip());
      }
      Extensions ext = client.ehlo(settings.heloName());
      if (!ext.accepted()) {
        return unreachable("4.4.2", "EHLO/HELO refused: " + ext.reply().toString().strip());
      }
      boolean tlsUp = false;
      boolean tryingTls = tryTls && requirement.tls() != HopRequirement.TlsDemand.NONE;
      String helo = heloName(ext);
      if (tryingTls && !ext.has("STARTTLS") && report != null) {
        reporter.noTls(report, candidate, client.localAddress(), helo, TlsResultType.STARTTLS_NOT_SUPPORTED,
            "the server did not offer STARTTLS");
      }
      if (tryingTls && ext.has("STARTTLS")) {
        try {
          Reply r = client.startTls(tls.context(), tls.parameters(), candidate.serverName());
          if (r.code() == 220) {
            tlsUp = true;
            ext = client.ehlo(settings.heloName());
          } else if (report != null) {
            reporter.noTls(report, candidate, client.localAddress(), helo, TlsResultType.STARTTLS_NOT_SUPPORTED,
                "STARTTLS refused: " + r.toString().strip());
          }
        } catch (SmtpTlsException e) {
          if (report != null) {
            reporter.noTls(report, candidate, client.localAddress(), helo, TlsResultType.VALIDATION_FAILURE,
                "TLS handshake failed: " + e.getMessage());
          }
          // The connection is gone. RFC 7672 §2.2 "pre-DANE": opportunistic TLS may retry in clear.
          if (!requirement.tls().required() && !requirement.sendRequireTls()) {
            return run(message, recipients, false);
          }
          return refused(TransportPolicy.judge(requirement, facts(null, false, ext)), "TLS failed: " + e.getMessage(),
              hop(TlsLevel.NONE));
        }
      }
      TlsSessionInfo session = client.tlsSession().orElse(null);
      HopFacts facts = facts(session, tlsUp, ext);
      if (tlsUp && report != null) {
        reporter.session(report, candidate, client.localAddress(), helo, facts, daneVerdict);
      }
      HopVerdict verdict = TransportPolicy.judge(requirement, facts);
      if (verdict instanceof HopVerdict.Refuse) {
        quietly(client);
        return refused(verdict, "", hop(tlsLevel(tlsUp, facts)));
      }
      HopVerdict.Use use = (HopVerdict.Use) verdict;
      HopResult refusedLogin = authenticate(client, ext, tlsUp, hop(tlsLevel(tlsUp, facts)));
      if (refusedLogin != null) {
        quietly(client);
        return refusedLogin;
      }
      Hop hop =
          new Hop(candidate.host().name(), candidate.address().getHostAddress(), candidate.port(),
              tlsLevel(tlsUp, facts), use.sendRequireTls());
      MailTransaction t = new MailTransaction(client, ext, message, recipients, hop);
      HopResult result = new HopResult.Transacted(t.run());
      release(new SessionCache.Key(candidate, requirement), t, ext, facts, hop, 1);
      parked = true; // parked or closed by release
      return result;
    } catch (IOException e) {
      return unreachable("4.4.2", "connection failed: " + e.getMessage());
    } finally {
      if (!parked) {
        closeQuietly(client);
      }
    }
  }

  /**
   * AUTH at the smart host (RFC 4954), PLAIN or else LOGIN, and only inside TLS: credentials never
   * go in clear. A refusal defers, as a wrong password is the operator's to fix, not the sender's.
   */
  private @Nullable HopResult authenticate(SmtpClient client, Extensions ext, boolean tlsUp, Hop hop)
      throws IOException {
    RemoteSettings.SmartHostLogin login = settings.smartHostLogin();
    if (login == null || candidate.name() != NameValidation.CONFIGURED) {
      return null;
    }
    if (!tlsUp) {
      return new HopResult.Refused(candidate, EnhancedStatus.of("4.7.0"), false,
          "the smart host offered no TLS session; AUTH credentials are never sent in clear", hop);
    }
    List<String> mechanisms = ext.authMechanisms();
    Reply reply;
    if (mechanisms.contains("PLAIN")) {
      reply = client.authPlain(login.user(), login.password());
    } else if (mechanisms.contains("LOGIN")) {
      reply = client.authLogin(login.user(), login.password());
    } else {
      return new HopResult.Refused(candidate, EnhancedStatus.of("4.7.0"), false,
          "the smart host offers no AUTH PLAIN or LOGIN (offered: " + mechanisms + ")", hop);
    }
    if (reply.code() != 235) {
      return new HopResult.Refused(candidate, EnhancedStatus.of("4.7.8"), false,
          "the smart host refused our AUTH as " + login.user() + ": " + reply.toString().strip(), hop);
    }
    return null;
  }

  private HopFacts facts(@Nullable TlsSessionInfo session, boolean tlsUp, Extensions ext) {
    if (!tlsUp || session == null || session.peerCertificates().isEmpty()) {
      return new HopFacts(candidate.name(), false, false, false, false, false, false, "");
    }
    List<X509Certificate> chain = session.peerCertificates();
    // A demand that no certificate check can change (tls = encrypt, no REQUIRETLS) skips the PKIX
    // validation: the hop is then logged as tls=encrypted, which is all that was checked.
    String pkixProblem = usesVerification()
        ? tls.verify(chain.toArray(X509Certificate[]::new))
        : "not checked: the TLS policy for this message does not ask for a verified certificate";
    String problem = pkixProblem;
    X509Certificate leaf = chain.getFirst();
    boolean dane = false;
    if (candidate.dane() != null) {
      // RFC 7672 §3: the usable TLSA records decide; the PKIX result is kept for the floors.
      DaneVerdict verdict = tls.verifyDane(chain, candidate.dane());
      daneVerdict = verdict;
      dane = verdict.verified();
      if (verdict instanceof DaneVerdict.Failed f) {
        problem = f.reason();
      }
    }
    return new HopFacts(
        candidate.name(),
        true,
        pkixProblem.isEmpty(),
        candidate.dnsIdOnly() ? HostnameMatcher.matchesDnsId(leaf, candidate.host())
            : HostnameMatcher.matches(leaf, candidate.host()),
        HostnameMatcher.matches(leaf, candidate.nextHopDomain()),
        dane,
        ext.has("REQUIRETLS"),
        problem);
  }

  /**
   * False only for {@code tls = "encrypt"} without REQUIRETLS or any other verification demand: the
   * operator said the certificate is not checked, and no verdict can depend on it. Opportunistic
   * levels still check it, once per session, so that the log says when a hop was verified.
   */
  private boolean usesVerification() {
    if (report != null && report.stsChecks()) {
      return true; // STS-8: an MTA-STS host's certificate is checked, and reported, in testing mode too
    }
    boolean encryptOnly = requirement.tls() == HopRequirement.TlsDemand.ENCRYPTED
        && !requirement.sendRequireTls() && !requirement.requireTlsExtension() && !requirement.pkixOnly()
        && !requirement.daneOnly() && !requirement.daneAuthenticated() && !requirement.nameValidated()
        && !requirement.dnssecName();
    return !encryptOnly;
  }

  /** The name the server gave in its EHLO reply, for the report's receiving-mx-helo. */
  private static @Nullable String heloName(Extensions ext) {
    String text = ext.reply().lines().isEmpty() ? "" : ext.reply().lines().getFirst().strip();
    int space = text.indexOf(' ');
    String name = space < 0 ? text : text.substring(0, space);
    return name.isEmpty() ? null : Reply.safeText(name, 255);
  }

  private static TlsLevel tlsLevel(boolean tlsUp, HopFacts facts) {
    if (!tlsUp) {
      return TlsLevel.NONE;
    }
    if (facts.daneVerified()) {
      return TlsLevel.DANE;
    }
    return facts.pkixVerified() && facts.matchesHost() ? TlsLevel.VERIFIED_PKIX : TlsLevel.ENCRYPTED;
  }

  private Hop hop(TlsLevel level) {
    return new Hop(candidate.host().name(), candidate.address().getHostAddress(), candidate.port(), level, false);
  }

  private HopResult refused(HopVerdict verdict, String detail, Hop hop) {
    HopVerdict.Refuse r = (HopVerdict.Refuse) verdict;
    String reason = detail.isEmpty() ? r.reason() : r.reason() + " (" + detail + ")";
    return new HopResult.Refused(candidate, r.status(), r.permanent(), reason, hop);
  }

  private HopResult unreachable(String status, String reason) {
    return new HopResult.Unreachable(candidate, EnhancedStatus.of(status), reason);
  }

  private static void closeQuietly(SmtpClient client) {
    try {
      client.close();
    } catch (IOException e) {
      // Nothing more to do with a connection being dropped.
    }
  }

  static void quietly(SmtpClient client) {
    try {
      client.quit();
    } catch (IOException e) {
      // The host is being left anyway.
    }
  }
}
