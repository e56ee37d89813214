package org.sealpost.interop;

import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealpost.dns.MxHost;
import org.sealpost.dns.MxResolution;
import org.sealpost.dns.MxResolver;
import org.sealpost.dns.Resolver;
import org.sealpost.mail.Domain;
import org.sealpost.policy.dane.DaneState;
import org.sealpost.policy.dane.DaneVerdict;
import org.sealpost.policy.dane.DaneVerifier;
import org.sealpost.policy.dane.ReferenceNames;
import org.sealpost.policy.dane.TlsaLookup;

/**
 * What a DANE-aware sender makes of one MX host, in words both Sealpost and Postfix can be mapped
 * to, so that their verdicts on the same zone and certificate can be compared (RFC 7672 §2.2, §3;
 * spec DANE-6).
 */
enum DaneOutcome {
  /** A usable TLSA record authenticated the server (Postfix: "Verified TLS connection"). */
  VERIFIED,
  /** Usable TLSA records exist and none authenticated the server: no delivery there (DANE-12). */
  FAILED,
  /**
   * A secure TLSA RRset with no usable record: TLS is mandatory, the certificate is not checked
   * (DANE-6, DANE-7). Postfix logs such a delivery as "Untrusted TLS connection".
   */
  ENCRYPTED_UNAUTHENTICATED,
  /** No secure TLSA RRset: pre-DANE opportunistic TLS. Not expected in these tests. */
  NOT_DANE,
  /** A DNS lookup needed to decide failed (DANE-2). Not expected in these tests. */
  DNS_FAILURE,
  /** Postfix logged something this mapping does not know, e.g. "Trusted TLS connection". */
  UNRECOGNISED;

  /** An outcome with the text that explains it, for assertion messages. */
  record Explained(DaneOutcome outcome, String detail) {}

  /**
   * Sealpost's verdict for the first MX host of {@code domain}, reached on {@code port}, presenting
   * {@code chain}: {@link MxResolver}, {@link TlsaLookup} and {@link DaneVerifier} composed as
   * delivery composes them (reference names as in {@code RemoteDelivery}: DANE-9).
   */
  static Explained ofSealpost(Resolver resolver, Domain domain, int port,
      List<X509Certificate> chain, InstantSource clock) {
    MxResolution resolution = new MxResolver(resolver).resolve(domain);
    if (!(resolution instanceof MxResolution.Hosts hosts) || hosts.hosts().isEmpty()) {
      return new Explained(DNS_FAILURE, "MX resolution: " + resolution);
    }
    MxHost host = hosts.hosts().getFirst();
    DaneState state = new TlsaLookup(resolver).lookup(host, port);
    return switch (state) {
      case DaneState.Usable u -> {
        ReferenceNames names = ReferenceNames.forHost(u.baseDomain(), host.name(),
            hosts.mxSecurity(), hosts.domain(), hosts.expandedDomain());
        DaneVerdict verdict = new DaneVerifier(clock).verify(chain, u.records(), names);
        yield switch (verdict) {
          case DaneVerdict.Matched m -> new Explained(VERIFIED, m.describe());
          case DaneVerdict.Failed f -> new Explained(FAILED, f.reason() + " (" + f.resultType() + ")");
        };
      }
      case DaneState.Unusable u -> new Explained(ENCRYPTED_UNAUTHENTICATED,
          "no usable record among " + u.published());
      case DaneState.NotApplicable n -> new Explained(NOT_DANE, n.reason());
      case DaneState.Failed f -> new Explained(DNS_FAILURE, f.reason());
    };
  }

  /**
   * Postfix's verdict from the maillog lines of one delivery attempt to {@code mxHost}. What
   * Postfix 3.7's smtp(8) logs, as seen here:
   *
   * <ul>
   *   <li>a match: "Verified TLS connection established to HOST[…]", then {@code status=sent};
   *   <li>usable records that do not authenticate the server: "server certificate verification
   *       failed for HOST[…]: num=65:no matching DANE TLSA records" (or "num=62:hostname
   *       mismatch" for DANE-TA), "Untrusted TLS connection …", then {@code dsn=4.7.5,
   *       status=deferred (Server certificate not verified)};
   *   <li>only unusable records: "warning: _PORT._tcp.HOST unsupported TLSA certificate usage:
   *       …", "Untrusted TLS connection …", then {@code status=sent}. Without that warning an
   *       untrusted delivery is plain opportunistic TLS, which is {@link #NOT_DANE}.
   * </ul>
   */
  static Explained ofPostfix(String maillog, String recipient, String mxHost) {
    Matcher status = Pattern.compile("to=<" + Pattern.quote(recipient) + ">, relay=[^,]*, .*"
        + "status=(sent|deferred|bounced) \\(([^\\n]*)\\)").matcher(maillog);
    if (!status.find()) {
      return new Explained(UNRECOGNISED, "no status line for " + recipient);
    }
    String host = Pattern.quote(mxHost);
    Matcher tls = Pattern.compile("(\\w+) TLS connection established to " + host + "\\[")
        .matcher(maillog);
    String trust = tls.find() ? tls.group(1) : "no";
    Matcher failure = Pattern.compile("server certificate verification failed for " + host
        + "\\[[^\\n]*: (num=[^\\n]*)").matcher(maillog);
    String failed = failure.find() ? failure.group(1) : null;
    boolean unusable = Pattern.compile("warning: _\\d+\\._tcp\\." + host
        + " unsupported TLSA certificate usage").matcher(maillog).find();
    String detail = trust + " TLS" + (failed == null ? "" : ", " + failed)
        + (unusable ? ", unusable TLSA" : "") + "; status=" + status.group(1) + " ("
        + status.group(2) + ")";
    DaneOutcome outcome = switch (status.group(1) + "/" + trust) {
      case "sent/Verified" -> failed == null ? VERIFIED : UNRECOGNISED;
      case "sent/Untrusted" -> unusable ? ENCRYPTED_UNAUTHENTICATED : NOT_DANE;
      case "deferred/Untrusted" ->
          failed != null && status.group(2).contains("Server certificate not verified")
              ? FAILED : UNRECOGNISED;
      default -> UNRECOGNISED;
    };
    return new Explained(outcome, detail);
  }
}
