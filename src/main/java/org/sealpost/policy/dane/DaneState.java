package org.sealpost.policy.dane;

import java.util.List;
import org.sealpost.dns.DnsResult;
import org.sealpost.dns.TlsaRecord;
import org.sealpost.mail.Domain;

/**
 * What DANE asks of the connection to one MX host, as learnt from DNS before connecting
 * (RFC 7672 §2.2, DANE-6). {@link TlsaLookup} answers it; the caller connects accordingly and, for
 * {@link Usable}, asks {@link DaneVerifier} about the certificate chain the server presents.
 */
public sealed interface DaneState {

  /**
   * True when a secure TLSA RRset exists, usable or not: the host MUST NOT be sent mail without
   * STARTTLS, and a failed handshake never falls back to cleartext (RFC 7672 §2.2.3, DANE-7).
   */
  default boolean requiresTls() {
    return this instanceof Usable || this instanceof Unusable;
  }

  /** Short word for logs: {@code dane}, {@code dane-unusable}, {@code none}, {@code failed}. */
  String word();

  /**
   * A secure TLSA RRset with at least one usable record: TLS is mandatory and the server MUST
   * authenticate with one of {@code records}, or the host is skipped (DANE-6, DANE-12).
   *
   * @param baseDomain the TLSA base domain (DANE-5), the primary reference identifier (DANE-9)
   * @param records the usable records only (usages DANE-TA(2) and DANE-EE(3), DANE-10)
   * @param sni the server name to send; always the TLSA base domain (RFC 7672 §8.1, DANE-13)
   */
  record Usable(Domain baseDomain, List<TlsaRecord> records, Domain sni) implements DaneState {
    public Usable {
      records = List.copyOf(records);
      if (records.isEmpty()) {
        throw new IllegalArgumentException("a usable TLSA RRset has at least one usable record");
      }
    }

    @Override
    public String word() {
      return "dane";
    }
  }

  /**
   * A secure TLSA RRset of which no record is usable (PKIX usages, unknown selectors or matching
   * types, malformed digests): TLS is still mandatory, but the certificate is not authenticated
   * (RFC 7672 §2.2, DANE-6, DANE-7). {@code published} keeps every record for logs and TLS-RPT
   * policy strings (RFC 8460 §4.5).
   */
  record Unusable(Domain baseDomain, List<TlsaRecord> published) implements DaneState {
    public Unusable {
      published = List.copyOf(published);
    }

    @Override
    public String word() {
      return "dane-unusable";
    }
  }

  /**
   * DANE does not apply: the host's addresses are not DNSSEC-signed so no TLSA lookup was made
   * (DANE-4), or no secure TLSA RRset exists (secure or insecure NXDOMAIN/NODATA, or an insecure
   * answer). Pre-DANE opportunistic TLS applies (DANE-6). {@code reason} is for logs.
   */
  record NotApplicable(String reason) implements DaneState {
    @Override
    public String word() {
      return "none";
    }
  }

  /**
   * A lookup needed to decide failed (BOGUS, SERVFAIL, TIMEOUT): the host MUST be treated as
   * unreachable and skipped; with no host left, delivery is deferred (RFC 7672 §2.1.2, DANE-2).
   */
  record Failed(DnsResult<?> cause) implements DaneState {
    @Override
    public String word() {
      return "failed";
    }

    /** For logs: {@code TLSA lookup for _25._tcp.mx.example failed: SERVFAIL}. */
    public String reason() {
      return "DNS lookup for " + cause.name() + " failed: " + cause.status();
    }
  }
}
