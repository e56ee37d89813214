package org.sealpost.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Mode {@code off}: plain queries without the DO bit; every answer is insecure. */
final class InsecureUpstream implements Upstream {

  private final DnsTransport transport;

  InsecureUpstream(DnsTransport transport) {
    this.transport = transport;
  }

  @Override
  public Reply query(Name name, int type) throws TransportException {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    return new Reply(transport.exchange(q), Security.INSECURE, null);
  }

  DnsTransport transport() {
    return transport;
  }
}
