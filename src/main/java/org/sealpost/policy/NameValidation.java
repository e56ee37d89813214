package org.sealpost.policy;

/**
 * How the name of a candidate next hop was validated (RFC 8689 §4.2.1 step 2, RT-21): the
 * reference name that the certificate must then match is trusted only as far as this goes.
 */
public enum NameValidation {
  /** The MX answer (or, for an implicit MX, the absence of one) was DNSSEC-validated. */
  DNSSEC,
  /** The MX host name matches an {@code mx} pattern of the domain's MTA-STS policy (STS-14). */
  MTA_STS,
  /** No MX: the domain's own address records are used, so the domain is the reference name. */
  IMPLICIT,
  /** A smart host from the configuration: the configured name is the reference name. */
  CONFIGURED,
  /** An MX name from an insecure answer, with no MTA-STS match: not validated. */
  NONE;

  /** RT-21: may this host carry a REQUIRETLS message? */
  public boolean validForRequireTls() {
    return this != NONE;
  }
}
