package org.sealpost.policy.dane;

import java.util.Optional;
import org.sealpost.dns.TlsaRecord;
import org.sealpost.mail.Domain;

/**
 * The outcome of authenticating one server's certificate chain against its usable TLSA records
 * (RFC 7672 §3). A value, never an exception: a failure MUST keep the message from that server
 * (DANE-12), and its reason goes into logs, DSNs and TLS-RPT.
 */
public sealed interface DaneVerdict {

  boolean verified();

  /**
   * A record matched.
   *
   * @param record the record that matched, e.g. {@code 3 1 1 <hex>}
   * @param depth where in the presented chain the matching certificate was (0 = leaf)
   * @param name for DANE-TA, the reference name the leaf carries; empty for DANE-EE, which checks
   *     no names (DANE-8)
   */
  record Matched(TlsaRecord record, int depth, Optional<Domain> name) implements DaneVerdict {
    @Override
    public boolean verified() {
      return true;
    }

    /** For logs: {@code DANE-EE 3 1 1 1f2e...} or {@code DANE-TA 2 0 1 ab... at depth 1 for mx.example}. */
    public String describe() {
      String usage = TlsaUsability.usageName(record.usage()) + " " + record;
      return name.map(n -> usage + " at depth " + depth + " for " + n).orElse(usage);
    }
  }

  /**
   * No record authenticated the server.
   *
   * @param reason what is wrong, in words an administrator of either side understands
   * @param resultType the RFC 8460 result type to report it as
   */
  record Failed(String reason, TlsRptResultType resultType) implements DaneVerdict {
    @Override
    public boolean verified() {
      return false;
    }
  }
}
