package org.sealpost.policy;

/**
 * What one message demands of every candidate hop for one destination, worked out before
 * connecting ({@link TransportPolicy#requirement}).
 *
 * @param tls whether TLS is attempted, required, and how the certificate must verify
 * @param nameValidated the hop's name must be validated (RT-21)
 * @param dnssecName only a DNSSEC-validated name counts (the draft {@code REQUIRETLS=DNSSEC} floor)
 * @param pkixOnly only a PKIX-verified certificate counts (the draft {@code REQUIRETLS=CHAIN} floor)
 * @param daneOnly only a DANE-verified certificate counts (the draft {@code REQUIRETLS=DANE} floor)
 * @param requireTlsExtension the hop must list REQUIRETLS in its EHLO after TLS (RT-23)
 * @param sendRequireTls MAIL carries the REQUIRETLS parameter (RT-27)
 * @param permanentOnRefusal a hop that fails these demands counts toward a bounce (RFC 8689
 *     policy failure, RT-26) rather than a deferral (a local TLS policy failure)
 * @param honoursPublished recipient-published policy (DANE, MTA-STS) applies; false for
 *     {@code TLS-Required: No} messages (RT-12)
 * @param lookUpTlsa hosts' TLSA records are looked up (level {@code dane}/{@code dane-only}, or a
 *     REQUIRETLS message, for which DANE counts as verification: RT-22)
 * @param daneAuthenticated the host has usable TLSA records, so only a DANE match authenticates it
 *     and a failed match rules the host out (DANE-6, DANE-12); set host by host by {@link
 *     TransportPolicy#forHost}
 * @param why where the demand comes from, for logs and DSNs
 */
public record HopRequirement(
    TlsDemand tls,
    boolean nameValidated,
    boolean dnssecName,
    boolean pkixOnly,
    boolean daneOnly,
    boolean requireTlsExtension,
    boolean sendRequireTls,
    boolean permanentOnRefusal,
    boolean honoursPublished,
    boolean lookUpTlsa,
    boolean daneAuthenticated,
    String why) {

  /** This demand with at least {@code floor} for TLS. */
  HopRequirement atLeast(TlsDemand floor, String reason) {
    TlsDemand raised = tls.compareTo(floor) >= 0 ? tls : floor;
    return new HopRequirement(raised, nameValidated, dnssecName, pkixOnly, daneOnly, requireTlsExtension,
        sendRequireTls, permanentOnRefusal, honoursPublished, lookUpTlsa, daneAuthenticated,
        raised == tls ? why : why + "; " + reason);
  }

  /** This demand, authenticated by DANE only (DANE-12). */
  HopRequirement withDane(String reason) {
    TlsDemand raised = tls.compareTo(TlsDemand.ENCRYPTED) >= 0 ? tls : TlsDemand.ENCRYPTED;
    return new HopRequirement(raised, nameValidated, dnssecName, pkixOnly, daneOnly, requireTlsExtension,
        sendRequireTls, permanentOnRefusal, honoursPublished, lookUpTlsa, true, why + "; " + reason);
  }

  /** The TLS part of a demand, weakest first. */
  public enum TlsDemand {
    /** Do not start TLS. */
    NONE,
    /** STARTTLS when offered; cleartext allowed, also after a failed handshake. */
    OPPORTUNISTIC,
    /** TLS required; any certificate. */
    ENCRYPTED,
    /** TLS required; the certificate verifies for the hop's host name (RFC 6125). */
    VERIFIED_HOST,
    /** TLS required; the certificate verifies for the next-hop domain. */
    VERIFIED_DOMAIN;

    public boolean required() {
      return compareTo(ENCRYPTED) >= 0;
    }

    public boolean verified() {
      return compareTo(VERIFIED_HOST) >= 0;
    }
  }
}
