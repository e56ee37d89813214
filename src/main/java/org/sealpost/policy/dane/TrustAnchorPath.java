package org.sealpost.policy.dane;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.sealpost.dns.TlsaRecord;

/**
 * Finds a path from the server's leaf certificate up to a DANE-TA(2) trust anchor among the
 * certificates the server presented (RFC 7672 §3.1.2: the server MUST include the trust anchor;
 * RFC 7671 §5.2.2). Each link is checked as RFC 5280 §6.1 would: the child names the issuer's
 * subject, the issuer is a CA (basic constraints) whose pathLenConstraint allows the CAs below it
 * and whose key usage, if present, allows certificate signing, and the child's signature verifies
 * with the issuer's key. The trust anchor's own constraints apply too (RFC 7672 §3.1.2 SHOULD).
 *
 * Servers do not always send their chain in order, so the search tries every presented
 * certificate as the next issuer (depth first; chains are a handful of certificates). Validity
 * dates are the caller's business: a trust anchor is a key, not a certificate to be dated.
 */
final class TrustAnchorPath {

  /** The outcome of one search. */
  sealed interface Result {}

  /**
   * A path exists.
   *
   * @param depth index in the presented chain of the certificate that matched the record
   * @param path leaf first, trust anchor last
   */
  record Found(int depth, List<X509Certificate> path) implements Result {}

  /** No presented certificate above the leaf matches the record. */
  record NotPresent(String reason) implements Result {}

  /** A certificate matches, but the leaf does not chain to it. */
  record Broken(String reason) implements Result {}

  private final List<X509Certificate> chain;
  private final int anchor;
  private String deepestProblem = "";
  private int deepest = -1;
  // A hostile server could send many certificates signed by each other; bound the search.
  private int linksLeft = MAX_LINKS;

  private static final int MAX_LINKS = 256;

  private TrustAnchorPath(List<X509Certificate> chain, int anchor) {
    this.chain = chain;
    this.anchor = anchor;
  }

  static Result find(List<X509Certificate> chain, TlsaRecord record) {
    List<Integer> anchors = new ArrayList<>();
    for (int i = 1; i < chain.size(); i++) {
      if (CertificateAssociation.matches(chain.get(i), record)) {
        anchors.add(i);
      }
    }
    if (anchors.isEmpty()) {
      if (CertificateAssociation.matches(chain.getFirst(), record)) {
        return new NotPresent("DANE-TA record " + Names.shortRecord(record)
            + " matches the server's own certificate, not an issuing CA; a record for the"
            + " server's own certificate needs usage 3 (DANE-EE)");
      }
      return new NotPresent("DANE-TA record " + Names.shortRecord(record)
          + " matches no CA certificate the server presented (RFC 7672 §3.1.2: the server must"
          + " send its trust anchor)");
    }
    String problem = "";
    for (int a : anchors) {
      TrustAnchorPath search = new TrustAnchorPath(chain, a);
      List<X509Certificate> path = new ArrayList<>(List.of(chain.getFirst()));
      if (search.extend(path)) {
        return new Found(a, List.copyOf(path));
      }
      if (problem.isEmpty()) {
        problem = search.deepestProblem;
      }
    }
    return new Broken("the server's certificate does not chain to the trust anchor of DANE-TA"
        + " record " + Names.shortRecord(record) + ": " + problem);
  }

  /** Extends {@code path} to the anchor; true on success, with the anchor appended. */
  private boolean extend(List<X509Certificate> path) {
    X509Certificate current = path.getLast();
    X509Certificate ta = chain.get(anchor);
    String problem = link(current, ta, path.size() - 1);
    if (problem == null) {
      path.add(ta);
      return true;
    }
    note(path.size(), problem);
    for (int i = 1; i < chain.size() && linksLeft > 0; i++) {
      X509Certificate next = chain.get(i);
      linksLeft--;
      if (i == anchor || path.contains(next) || link(current, next, path.size() - 1) != null) {
        continue;
      }
      path.add(next);
      if (extend(path)) {
        return true;
      }
      path.removeLast();
    }
    return false;
  }

  private void note(int length, String problem) {
    if (length > deepest) {
      deepest = length;
      deepestProblem = problem;
    }
  }

  /**
   * Why {@code issuer} cannot have issued {@code child}, or null when it did.
   *
   * @param casBelow how many intermediate CA certificates lie between {@code issuer} and the leaf
   */
  static @Nullable String link(X509Certificate child, X509Certificate issuer, int casBelow) {
    String c = Names.subject(child);
    String i = Names.subject(issuer);
    if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return "'" + c + "' was issued by '" + child.getIssuerX500Principal().getName() + "', not '"
          + i + "'";
    }
    int pathLength = issuer.getBasicConstraints();
    if (pathLength < 0) {
      return "'" + i + "' is not a CA certificate (basic constraints), so it cannot issue '" + c
          + "'";
    }
    if (casBelow > pathLength) {
      return "'" + i + "' allows " + pathLength + " intermediate CA(s) below it (pathLenConstraint)"
          + " but the chain has " + casBelow;
    }
    boolean[] keyUsage = issuer.getKeyUsage();
    if (keyUsage != null && (keyUsage.length <= 5 || !keyUsage[5])) {
      return "the key usage of '" + i + "' does not allow signing certificates (keyCertSign)";
    }
    try {
      child.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      return "the signature on '" + c + "' does not verify with the key of '" + i + "'";
    }
    return null;
  }
}
