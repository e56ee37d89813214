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
    String why) {

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
