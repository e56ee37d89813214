package org.sealpost.policy.dane;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sealpost.dns.TlsaRecord;
import org.sealpost.mail.Domain;
import org.sealpost.tls.HostnameMatcher;

/**
 * Authenticates a server's certificate chain with its usable TLSA records (RFC 7672 §3, RFC 6698
 * §2.1, RFC 7671). The records that count are the usable ones (DANE-10) after digest agility
 * (RFC 7671 §9); any one of them matching is enough (RFC 6698 §4.1).
 *
 * <ul>
 *   <li>DANE-EE(3): the leaf certificate or its public key matches. Nothing else is checked: no
 *       names, no validity dates, no chain (RFC 7672 §3.1.1, §3.2.1, DANE-8), because the DNS
 *       record itself binds the key to the host.
 *   <li>DANE-TA(2): a certificate the server presented above the leaf matches; the leaf chains to
 *       it by signature through CA certificates (see {@link TrustAnchorPath}); the leaf and any
 *       intermediates are within their validity dates (the anchor's are not checked: a trust
 *       anchor is a key, RFC 5280 §6.1.1); and the leaf names one of the {@link ReferenceNames}
 *       (RFC 7672 §3.2.2, §3.2.3, DANE-9, DANE-11).
 * </ul>
 *
 * DANE-EE records are tried first: they are cheaper, and a match needs nothing further. When
 * nothing matches, the verdict explains the failure that got furthest: a name mismatch over an
 * expired certificate over a broken chain over no match at all.
 */
public final class DaneVerifier {

  private final InstantSource clock;

  public DaneVerifier(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * @param chain the server's certificates as presented, leaf first
   * @param records the TLSA records ({@link DaneState.Usable#records()}); unusable ones are ignored
   * @param names the reference names for DANE-TA
   */
  public DaneVerdict verify(List<X509Certificate> chain, List<TlsaRecord> records,
      ReferenceNames names) {
    if (chain.isEmpty()) {
      return new DaneVerdict.Failed("the server presented no certificate",
          TlsRptResultType.VALIDATION_FAILURE);
    }
    List<TlsaRecord> counted = DigestAgility.strongest(TlsaUsability.usableOf(records));
    if (counted.isEmpty()) {
      return new DaneVerdict.Failed("no usable TLSA record to verify the server with",
          TlsRptResultType.TLSA_INVALID);
    }
    X509Certificate leaf = chain.getFirst();
    for (TlsaRecord r : counted) {
      if (r.usage() == TlsaUsability.DANE_EE && CertificateAssociation.matches(leaf, r)) {
        return new DaneVerdict.Matched(r, 0, Optional.empty());
      }
    }
    Ranked best = null;
    List<String> misses = new ArrayList<>();
    for (TlsaRecord r : counted) {
      if (r.usage() == TlsaUsability.DANE_EE) {
        misses.add("DANE-EE record " + Names.shortRecord(r) + " does not match the server's"
            + " certificate '" + Names.subject(leaf) + "'");
        continue;
      }
      switch (TrustAnchorPath.find(chain, r)) {
        case TrustAnchorPath.NotPresent n -> misses.add(n.reason());
        case TrustAnchorPath.Broken b ->
            best = better(best, new Ranked(1, b.reason(), TlsRptResultType.VALIDATION_FAILURE));
        case TrustAnchorPath.Found f -> {
          String dates = outOfDates(f.path());
          if (dates != null) {
            best = better(best, new Ranked(2, dates, TlsRptResultType.CERTIFICATE_EXPIRED));
            continue;
          }
          Optional<Domain> name =
              names.names().stream().filter(n -> HostnameMatcher.matches(leaf, n)).findFirst();
          if (name.isPresent()) {
            return new DaneVerdict.Matched(r, f.depth(), name);
          }
          best = better(best, new Ranked(3, "the certificate chains to the trust anchor of DANE-TA"
              + " record " + Names.shortRecord(r) + " but names none of " + names.names()
              + " (it has " + Names.presented(leaf) + ")",
              TlsRptResultType.CERTIFICATE_HOST_MISMATCH));
        }
      }
    }
    if (best != null) {
      return new DaneVerdict.Failed(best.reason(), best.type());
    }
    return new DaneVerdict.Failed("no TLSA record matches the certificates the server presented: "
        + String.join("; ", misses), TlsRptResultType.TLSA_INVALID);
  }

  /** Why a certificate below the trust anchor is not valid now, or null when all are. */
  private @Nullable String outOfDates(List<X509Certificate> path) {
    Date now = Date.from(clock.instant());
    for (X509Certificate c : path.subList(0, path.size() - 1)) {
      try {
        c.checkValidity(now);
      } catch (CertificateExpiredException e) {
        return "certificate '" + Names.subject(c) + "' expired on " + c.getNotAfter().toInstant();
      } catch (CertificateNotYetValidException e) {
        return "certificate '" + Names.subject(c) + "' is not valid before "
            + c.getNotBefore().toInstant();
      }
    }
    return null;
  }

  private static Ranked better(@Nullable Ranked current, Ranked candidate) {
    return current == null || candidate.rank() > current.rank() ? candidate : current;
  }

  /** A failure and how far verification got before it (higher is further). */
  private record Ranked(int rank, String reason, TlsRptResultType type) {}
}
