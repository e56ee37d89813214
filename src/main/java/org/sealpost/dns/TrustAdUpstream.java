package org.sealpost.dns;

import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;

/**
 * Mode {@code trust-ad}: believe the AD bit of a validating resolver reached over a trusted channel
 * (RFC 7672 §2.1.1; RFC 6840 §5.7: set AD in the query to ask for it). A SERVFAIL that carries a
 * DNSSEC Extended DNS Error (RFC 8914 §4, codes 6-12) is reported as bogus; a plain SERVFAIL stays a
 * server failure, because a validator's SERVFAIL cannot otherwise be told apart.
 */
final class TrustAdUpstream implements Upstream {

  private final DnsTransport transport;

  TrustAdUpstream(DnsTransport transport) {
    this.transport = transport;
  }

  @Override
  public Reply query(Name name, int type) throws TransportException {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    q.getHeader().setFlag(Flags.AD);
    try {
      Message r = transport.exchange(q);
      Security s = r.getHeader().getFlag(Flags.AD) ? Security.SECURE : Security.INSECURE;
      return new Reply(r, s, null);
    } catch (TransportException e) {
      Message err = e.lastError();
      @Nullable String ede = err == null ? null : dnssecError(err);
      if (ede != null) {
        return Reply.bogus(ede);
      }
      throw e;
    }
  }

  /** The text of a DNSSEC-related Extended DNS Error, or null. */
  static @Nullable String dnssecError(Message m) {
    OPTRecord opt = m.getOPT();
    if (opt == null) {
      return null;
    }
    for (EDNSOption o : opt.getOptions()) {
      if (o instanceof ExtendedErrorCodeOption e
          && e.getErrorCode() >= ExtendedErrorCodeOption.DNSSEC_BOGUS
          && e.getErrorCode() <= ExtendedErrorCodeOption.NSEC_MISSING) {
        String text = e.getText();
        return "EDE " + e.getErrorCode() + (text == null || text.isEmpty() ? "" : ": " + text);
      }
    }
    return null;
  }

  DnsTransport transport() {
    return transport;
  }
}
