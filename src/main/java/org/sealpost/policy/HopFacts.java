package org.sealpost.policy;

/**
 * What Sealpost learnt about one candidate hop after EHLO, STARTTLS and the EHLO after TLS.
 *
 * @param name how the hop's name was validated
 * @param tlsEstablished a TLS session is up
 * @param pkixVerified the certificate chains to a trusted root and is within its validity
 * @param matchesHost the certificate names the hop's host name (DNS-ID; CN-ID only without DNS-IDs)
 * @param matchesDomain the certificate names the next-hop domain
 * @param daneVerified the certificate matched a usable DANE TLSA record (RFC 7672)
 * @param requireTlsAdvertised the EHLO after TLS listed REQUIRETLS
 * @param certificateProblem why verification failed, for logs and DSNs ("" when it did not)
 */
public record HopFacts(
    NameValidation name,
    boolean tlsEstablished,
    boolean pkixVerified,
    boolean matchesHost,
    boolean matchesDomain,
    boolean daneVerified,
    boolean requireTlsAdvertised,
    String certificateProblem) {}
